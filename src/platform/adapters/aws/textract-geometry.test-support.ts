/** A Textract block's Geometry for a box in page fractions, as AnalyzeDocument and DetectDocumentText answer it. */
export const geometry = (Left: number, Top: number, Width: number, Height: number) => ({
  BoundingBox: { Width, Height, Left, Top },
  Polygon: [
    { X: Left, Y: Top },
    { X: Left + Width, Y: Top },
    { X: Left + Width, Y: Top + Height },
    { X: Left, Y: Top + Height },
  ],
});
