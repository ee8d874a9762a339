import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Mantine's default shades put white text on blue.6 (3.6:1), and grey "dimmed" text and red
// errors at 3.3:1: all below WCAG AA's 4.5:1, so filled colours use shade 8, dimmed text grey.7
// and errors red.8; "light" variants (active navigation, badges, alerts) their colour's shade 9.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
});

const LIGHT_VARIANT_COLORS = ['blue', 'red', 'green', 'orange'] as const;

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    '--mantine-color-placeholder': t.colors.gray[7]!,
    '--mantine-color-error': t.colors.red[8]!,
    ...Object.fromEntries(LIGHT_VARIANT_COLORS.map((c) => [`--mantine-color-${c}-light-color`, t.colors[c]![9]!])),
  },
  dark: {},
});
