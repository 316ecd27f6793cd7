/** Renderer entry: mounts the app inside its state and toast providers. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { ToastProvider } from './shell/Toasts'
import { UiStateProvider } from './shell/ui-state'
import './styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <UiStateProvider>
      <ToastProvider>
        <App />
      </ToastProvider>
    </UiStateProvider>
  </StrictMode>,
)
