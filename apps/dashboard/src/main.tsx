import '@mantine/core/styles.css';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider as GraphQLProvider } from 'urql';
import { createApiClient } from './api/client.js';
import { router } from './app/router.js';

const client = createApiClient();

// Mantine's default shades fail WCAG AA contrast (white on blue-6, gray-6 dimmed text): one shade darker passes.
const theme = createTheme({ primaryShade: { light: 8, dark: 8 } });
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' }, dark: {} });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <GraphQLProvider value={client}>
        <RouterProvider router={router} />
      </GraphQLProvider>
    </MantineProvider>
  </StrictMode>,
);
