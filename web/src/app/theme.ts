import { type CSSVariablesResolver, createTheme, Drawer, localStorageColorSchemeManager, Modal, Notification } from '@mantine/core';

// Darker shades than Mantine's defaults so text on filled and light surfaces keeps WCAG AA contrast
// in both color schemes.
// Close buttons of modals, drawers and notifications get a translated accessible name.
export function buildTheme(closeLabel: string) {
  const closeButtonProps = { 'aria-label': closeLabel };
  return createTheme({
    primaryColor: 'blue',
    primaryShade: { light: 8, dark: 8 },
    autoContrast: true,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    defaultRadius: 'md',
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps } }),
    },
  });
}

/** Text colors of "light" variants (badges, alerts) in the light scheme: dark enough for AA on their tint. */
const LIGHT_VARIANT_TEXT: Record<string, string> = {
  blue: '#0d4f8c',
  gray: 'var(--mantine-color-gray-9)',
  green: '#1e6b30',
  red: '#a51d1d',
  orange: '#a63b0a',
  yellow: '#8a5100',
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    // Field errors: Mantine's red-6 is below AA on white.
    '--mantine-color-error': LIGHT_VARIANT_TEXT.red as string,
    '--mantine-primary-color-light-color': '#0d4f8c',
    ...Object.fromEntries(Object.entries(LIGHT_VARIANT_TEXT).map(([color, text]) => [`--mantine-color-${color}-light-color`, text])),
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-1)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-3)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-blue-3)',
  },
});

/** The chosen light/dark scheme is persisted in localStorage. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'trastienda.color-scheme' });
