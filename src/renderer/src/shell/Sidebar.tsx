/**
 * The views, one per row with an icon and a label (icons only when collapsed), each tooltip
 * naming its shortcut; below them the palette, the theme and the collapse switch.
 */
import { shortcutLabel, VIEW_COMMANDS, ACTION_COMMANDS } from '../../../shared/app-commands'
import type { ViewId } from '../../../shared/ui-state'
import { transport } from '../api'
import { IS_MAC, runCommand, shortcutOf } from './command-bus'
import { Icon } from './Icon'
import { useUiState } from './ui-state'

const shortcut = (id: string) => {
  const accelerator = [...VIEW_COMMANDS, ...ACTION_COMMANDS].find((c) => c.id === id)?.accelerator
  return accelerator ? ` (${shortcutLabel(shortcutOf(accelerator)!, IS_MAC)})` : ''
}

export function Sidebar({ view, theme }: { view: ViewId; theme: 'light' | 'dark' }) {
  const { state } = useUiState()
  const collapsed = state.sidebarCollapsed
  return (
    <nav className={collapsed ? 'sidebar collapsed' : 'sidebar'} aria-label="Workbench">
      <div className="brand" title="JWT Workbench">
        {collapsed ? 'JW' : 'JWT Workbench'}
      </div>
      <div className="view-tabs" role="tablist" aria-label="Views" aria-orientation="vertical">
        {VIEW_COMMANDS.map((c) => (
          <button
            key={c.id}
            type="button"
            role="tab"
            id={`tab-${c.view}`}
            aria-selected={view === c.view}
            aria-controls="view-panel"
            aria-label={c.label}
            title={`${c.label}${shortcut(c.id)}`}
            className={view === c.view ? 'tab active' : 'tab'}
            onClick={() => runCommand(c.id)}
          >
            <Icon name={c.view} />
            <span className="tab-label">{c.label}</span>
          </button>
        ))}
      </div>
      <div className="sidebar-foot">
        <button
          type="button"
          className="tab"
          title={`Command palette${shortcut('palette.open')}`}
          aria-label="Commands (command palette)"
          onClick={() => runCommand('palette.open')}
        >
          <Icon name="palette" />
          <span className="tab-label">Commands</span>
        </button>
        <button
          type="button"
          className="tab"
          title={`History (${state.history ? 'on' : 'off'})`}
          aria-label={`History${state.history ? '' : ' (off)'}`}
          onClick={() => runCommand('history.show')}
        >
          <Icon name="history" />
          <span className="tab-label">History{state.history ? '' : ' (off)'}</span>
        </button>
        <button
          type="button"
          className="tab"
          title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme${shortcut('theme.toggle')}`}
          aria-label={`${theme === 'dark' ? 'Dark' : 'Light'} theme: switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}
          onClick={() => runCommand('theme.toggle')}
        >
          <Icon name="theme" />
          <span className="tab-label">{theme === 'dark' ? 'Dark' : 'Light'} theme</span>
        </button>
        <button
          type="button"
          className="tab"
          aria-label={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
          aria-expanded={!collapsed}
          title={`${collapsed ? 'Expand' : 'Collapse'} the sidebar${shortcut('sidebar.toggle')}`}
          onClick={() => runCommand('sidebar.toggle')}
        >
          <Icon name={collapsed ? 'expand' : 'collapse'} />
          <span className="tab-label">Collapse</span>
        </button>
        <span className="transport" title="How this UI talks to the services">
          {transport === 'electron' ? 'desktop' : 'browser mode'}
        </span>
      </div>
    </nav>
  )
}
