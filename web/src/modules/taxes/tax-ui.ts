import type { BadgeProps } from '@mantine/core';

/** Badges whose label wraps instead of being cut ("Inversión del sujeto pasivo" in a narrow column). */
export const WRAPPING_BADGE: BadgeProps['styles'] = {
  root: { height: 'auto', maxWidth: 'none' },
  label: { whiteSpace: 'normal', overflow: 'visible' },
};
