/**
 * Two panes side by side (input | result) with a separator moved by mouse or keyboard (arrow
 * keys, Home/End); the share is remembered by name. Below 900 px wide the panes stack. The first
 * pane can be folded away so the result gets the whole width.
 */
import { useRef, type ReactNode } from 'react'
import { useUiState } from './ui-state'

const MIN = 0.2
const MAX = 0.8

export function SplitPane({
  name,
  label,
  collapsed = false,
  children,
}: {
  name: string
  label: string
  /** The first pane folded to a strip (its own content says how to open it again). */
  collapsed?: boolean
  children: [ReactNode, ReactNode]
}) {
  const { state, update } = useUiState()
  const share = state.panes[name] ?? 0.45
  const box = useRef<HTMLDivElement>(null)
  const set = (value: number) => {
    const clamped = Math.min(MAX, Math.max(MIN, Math.round(value * 100) / 100))
    update({ panes: { ...state.panes, [name]: clamped } })
  }
  const drag = (event: React.PointerEvent) => {
    const element = box.current
    if (!element) return
    event.preventDefault()
    const rect = element.getBoundingClientRect()
    const move = (e: PointerEvent) => set((e.clientX - rect.left) / rect.width)
    const stop = () => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', stop)
    }
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', stop)
  }
  return (
    <div
      className={collapsed ? 'split collapsed' : 'split'}
      ref={box}
      style={{ ['--split' as string]: `${share * 100}%` }}
    >
      <div className="split-pane split-first">{children[0]}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuemin={MIN * 100}
        aria-valuemax={MAX * 100}
        aria-valuenow={Math.round(share * 100)}
        tabIndex={0}
        onPointerDown={drag}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') set(share - 0.05)
          else if (e.key === 'ArrowRight') set(share + 0.05)
          else if (e.key === 'Home') set(MIN)
          else if (e.key === 'End') set(MAX)
          else return
          e.preventDefault()
        }}
      />
      <div className="split-pane split-second">{children[1]}</div>
    </div>
  )
}
