import type { Block } from '@aws-sdk/client-textract';
import type { OcrAnswer, OcrBox, OcrLine, OcrPage, OcrWord } from '../../ports/ocr-engine.ts';

/**
 * Textract's blocks (PAGE → LINE → WORD through CHILD relationships, boxes as ratios of the page)
 * as the port's page: boxes in pixels of the `width` × `height` image from its top-left corner,
 * confidences 0-100 rounded to a tenth as the local engine gives them, lines in Textract's
 * reading order. AnalyzeDocument's QUERY blocks (the query's alias, its QUERY_RESULT blocks through
 * ANSWER relationships) become `answers`: the most confident non-empty result of each query.
 */
export function pageFromBlocks(blocks: readonly Block[], width: number, height: number): OcrPage {
  const byId = new Map(blocks.filter((b) => b.Id).map((b) => [b.Id!, b]));
  const related = (block: Block, type: 'CHILD' | 'ANSWER') => (block.Relationships ?? []).filter((r) => r.Type === type).flatMap((r) => r.Ids ?? []);
  const children = (block: Block) => related(block, 'CHILD');
  const toBox = (block: Block): OcrBox => {
    const { Left = 0, Top = 0, Width = 0, Height = 0 } = block.Geometry?.BoundingBox ?? {};
    const x = (ratio: number) => clamp(Math.round(ratio * width), 0, width);
    const y = (ratio: number) => clamp(Math.round(ratio * height), 0, height);
    return { x0: x(Left), y0: y(Top), x1: x(Left + Width), y1: y(Top + Height) };
  };
  const lines: OcrLine[] = [];
  for (const line of blocks.filter((b) => b.BlockType === 'LINE')) {
    const words: OcrWord[] = children(line)
      .map((id) => byId.get(id))
      .filter((b): b is Block => b?.BlockType === 'WORD' && (b.Text ?? '').trim() !== '')
      .map((word) => ({ text: word.Text!, confidence: round(word.Confidence ?? 0), box: toBox(word) }));
    if (words.length === 0) continue;
    lines.push({ text: words.map((w) => w.text).join(' '), confidence: round(line.Confidence ?? 0), box: toBox(line), words });
  }
  const allWords = lines.flatMap((l) => l.words);
  const confidence = allWords.length === 0 ? 0 : round(allWords.reduce((sum, w) => sum + w.confidence, 0) / allWords.length);
  const answers: OcrAnswer[] = [];
  for (const query of blocks.filter((b) => b.BlockType === 'QUERY' && b.Query?.Alias)) {
    const results = related(query, 'ANSWER')
      .map((id) => byId.get(id))
      .filter((b): b is Block => b?.BlockType === 'QUERY_RESULT' && (b.Text ?? '').trim() !== '');
    const best = results.reduce<Block | undefined>((top, b) => (!top || (b.Confidence ?? 0) > (top.Confidence ?? 0) ? b : top), undefined);
    if (!best) continue;
    answers.push({ alias: query.Query!.Alias!, text: best.Text!.trim(), confidence: round(best.Confidence ?? 0), box: toBox(best) });
  }
  return { width, height, confidence, text: lines.map((l) => l.text).join('\n'), lines, ...(answers.length > 0 ? { answers } : {}) };
}

const round = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
