/** An ISO time as the person's local date and time (the ISO value goes in a title). */
export function localTime(iso: string | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString()
}
