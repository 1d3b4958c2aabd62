import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './App.js';
import { LabProvider } from './lab.js';
import { startTheme } from './theme/theme.js';

// Before the first render, so the page never flashes in the other theme.
startTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabProvider>
      <App />
    </LabProvider>
  </StrictMode>,
);
