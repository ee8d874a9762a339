import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { describeModules } from '../../runtime/describe-modules.ts';
import { nlpModule } from './index.ts';

describe('the NLP module', () => {
  it('initialises on inert ports (no I/O, the model not loaded) and declares its routes', async () => {
    const [described] = await describeModules([nlpModule]);
    // Hono lists each middleware of a route as an entry of its own: compare the distinct routes.
    const routes = new Set(described?.routes.map((r) => `${r.method} ${r.path}`));
    expect([...routes]).toEqual(['POST /nlp/analyze', 'GET /nlp/analyses', 'GET /nlp/analyses/:id']);
    expect(described?.events).toEqual(['nlp.problem-analyzed']);
    expect(described?.migrations).toEqual(['nlp.001.analyses']);
  });

  it('refuses NLP_MODEL=sagemaker without an endpoint, naming the variable', () => {
    expect(() => loadConfig({ NLP_MODEL: 'sagemaker' }, { modules: [nlpModule] })).toThrow(/NLP_SAGEMAKER_ENDPOINT/);
    expect(() => loadConfig({ NLP_MODEL: 'sagemaker', NLP_SAGEMAKER_ENDPOINT: 'novaevo-nlp' }, { modules: [nlpModule] })).not.toThrow();
    expect(() => loadConfig({ NLP_MODEL: 'gpt' }, { modules: [nlpModule] })).toThrow(/NLP_MODEL/);
  });
});
