import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { invalidateOnRunEnd } from './queries/invalidate-on-run-end';
import { queryClient } from './queries/query-client';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  invalidateOnRunEnd();
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
