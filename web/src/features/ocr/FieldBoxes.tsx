import { Box, Image } from '@mantine/core';
import type { OcrDocument } from './api.ts';

const SHOWN = ['A', 'B', 'C.1', 'D.1', 'D.3', 'E'] as const;
const pct = (n: number, of: number) => `${(100 * n) / of}%`;
const PAD = '3px';

/** The page image with the key fields' boxes drawn over it: green when valid, orange when invalid or warned about. */
export function FieldBoxes({ document, alt, labels }: { document: OcrDocument; alt: string; labels: Record<string, string> }) {
  const { page, fields } = document;
  if (!page.imageUrl) return null;
  const warned = new Set(document.warnings.map((w) => w.field));
  return (
    <Box pos="relative" maw={720} data-testid="ocr-image">
      <Image src={page.imageUrl} alt={alt} radius="sm" />
      {SHOWN.map((code) => {
        const field = fields[code];
        if (!field) return null;
        const { x0, y0, x1, y1 } = field.box;
        return (
          <Box
            key={code}
            title={`${labels[code] ?? code} : ${field.value}`}
            data-testid={`ocr-box-${code}`}
            pos="absolute"
            style={{
              // Drawn just outside the words, so that the box never hides what was read.
              left: `calc(${pct(x0, page.width)} - ${PAD})`,
              top: `calc(${pct(y0, page.height)} - ${PAD})`,
              width: `calc(${pct(x1 - x0, page.width)} + 2 * ${PAD})`,
              height: `calc(${pct(y1 - y0, page.height)} + 2 * ${PAD})`,
              border: `1.5px solid ${field.valid && !warned.has(code) ? 'var(--mantine-color-green-7)' : 'var(--mantine-color-orange-7)'}`,
              borderRadius: 3,
              pointerEvents: 'none',
            }}
          />
        );
      })}
    </Box>
  );
}
