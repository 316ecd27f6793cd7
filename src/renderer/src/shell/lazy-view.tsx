/**
 * A view loaded when first opened (its own chunk), and drawn at once afterwards: once its
 * module is in, the view renders without suspending, so switching views never keeps the old
 * one on screen. `preload` fetches it ahead (the shell does so when the page is idle).
 */
import { lazy, type ComponentType } from 'react'

export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { View: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | undefined
  let pending: Promise<ComponentType<P>> | undefined
  const preload = () =>
    (pending ??= load().then((component) => {
      loaded = component
      return component
    }))
  const Lazy = lazy(() => preload().then((component) => ({ default: component })))
  function View(props: P) {
    const Loaded = loaded
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />
  }
  return { View, preload }
}
