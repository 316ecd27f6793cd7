/** Bad arguments: exit 2, one line with the code, then the command's short usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command path whose usage to print. */
    readonly path: string[] = [],
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** `--help` or `jwtw help`: the help of `path` on stdout, exit 0. */
export class HelpRequested extends Error {
  constructor(readonly path: string[]) {
    super('help requested')
    this.name = new.target.name
  }
}
