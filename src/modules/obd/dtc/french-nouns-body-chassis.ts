/** TODO */
export const BODY_CHASSIS_NOUNS: ReadonlyArray<readonly [string, string]> = [
];
