/** An RFC 9457 problem as the API sends it (application/problem+json). */
export interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** A failed API call; `problem.code` picks the words shown to the user. */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(`${problem.status} ${problem.code}`);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

function asProblem(error: unknown, status: number): Problem {
  if (error && typeof error === 'object' && typeof (error as Problem).code === 'string') return { ...(error as Problem), status };
  return { status, code: status >= 500 ? 'SERVER_ERROR' : 'UNEXPECTED_RESPONSE' };
}

/** The data of an openapi-fetch answer, or an ApiError carrying its problem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: Awaited<typeof call>;
  try {
    answer = await call;
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }
  if (!answer.response.ok) throw new ApiError(asProblem(answer.error, answer.response.status));
  return answer.data as T;
}
