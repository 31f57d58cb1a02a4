import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { invalidateOnRunChange } from './queries/invalidate-on-run-change';
import { queryClient } from './queries/query-client';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  invalidateOnRunChange();
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
