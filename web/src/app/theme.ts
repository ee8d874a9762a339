import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Mantine's default shades put white text on blue.6 (3.6:1) and grey "dimmed" text at 3.3:1:
// both below WCAG AA's 4.5:1, so filled colours use shade 8 and dimmed text grey.7.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7]!, '--mantine-color-placeholder': t.colors.gray[7]! },
  dark: {},
});
