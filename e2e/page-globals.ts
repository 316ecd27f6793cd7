/**
 * The page's globals that tests and benchmarks read inside `page.evaluate`, typed here: e2e and
 * bench compile without the DOM library. Cast with `globalThis as unknown as PageGlobals` inside
 * the evaluated function (it runs in the page, so it cannot call a helper from here).
 */
export interface PageGlobals {
  document: {
    documentElement: { dataset: Record<string, string | undefined> }
    activeElement: { id: string } | null
    getElementById(id: string): PageElement | null
    querySelector(selector: string): PageElement | null
    createElement(tag: string): PageElement
    body: PageElement
  }
  localStorage: Record<string, string> & { length: number }
  sessionStorage: Record<string, string> & { getItem(key: string): string | null }
  indexedDB: { databases(): Promise<Array<{ name?: string }>> }
  navigator: { clipboard: { readText(): Promise<string> } }
  window: { dispatchEvent(event: unknown): boolean }
  DataTransfer: new () => { items: { add(file: unknown): void } }
  File: new (parts: string[], name: string, options: { type: string }) => unknown
  DragEvent: new (type: string, init: Record<string, unknown>) => unknown
  getComputedStyle(element: unknown): { whiteSpace: string }
  performance: {
    now(): number
    getEntriesByType(type: string): Array<{ initiatorType?: string; encodedBodySize?: number }>
  }
  requestAnimationFrame(callback: () => void): number
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void
  }
  /** Set by bench/ui.ts's latency probe. */
  benchLatencies?: number[]
}

export interface PageElement {
  id: string
  textContent: string | null
  value: string
  addEventListener(type: string, listener: (event: { timeStamp: number }) => void): void
  appendChild(child: PageElement): void
  focus(): void
  setSelectionRange(start: number, end: number): void
}
