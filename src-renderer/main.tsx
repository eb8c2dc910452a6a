import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { installFocusRescue } from './ui/focus-rescue';

const container = document.getElementById('root');
if (!container) throw new Error('CODITECT: #root element missing from index.html');

installFocusRescue();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
