/** Which engine socket stagegate reads `docker save` from: the one the docker CLI would use, or none. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ENGINE_SOCKET, localEngineSocket } from '../../../src/seams/engine-socket.js';

const context = (name: string) => JSON.stringify({ auths: {}, currentContext: name });

describe('localEngineSocket', () => {
  it.each([
    ['nothing set: the CLI default', {}, undefined, DEFAULT_ENGINE_SOCKET],
    [
      'DOCKER_HOST on a unix socket',
      { DOCKER_HOST: 'unix:///run/stagegate/d.sock' },
      undefined,
      '/run/stagegate/d.sock',
    ],
    ['DOCKER_HOST over tcp', { DOCKER_HOST: 'tcp://10.0.0.2:2376' }, undefined, undefined],
    ['DOCKER_HOST over ssh', { DOCKER_HOST: 'ssh://ci@builder' }, undefined, undefined],
    ['DOCKER_HOST unix:// with no path', { DOCKER_HOST: 'unix://' }, undefined, undefined],
    ['DOCKER_CONTEXT naming another daemon', { DOCKER_CONTEXT: 'remote' }, undefined, undefined],
    ['DOCKER_CONTEXT=default', { DOCKER_CONTEXT: 'default' }, context('remote'), DEFAULT_ENGINE_SOCKET],
    ['a current context in config.json', {}, context('colima'), undefined],
    ['config.json with the default context', {}, context('default'), DEFAULT_ENGINE_SOCKET],
    ['config.json without a context', {}, JSON.stringify({ auths: {} }), DEFAULT_ENGINE_SOCKET],
    ['config.json the CLI could not parse', {}, '{not json', undefined],
    ['DOCKER_HOST wins over config.json', { DOCKER_HOST: 'unix:///x.sock' }, context('colima'), '/x.sock'],
    [
      'another CLI binary resolves the same way',
      { STAGEGATE_DOCKER: '/opt/docker' },
      undefined,
      DEFAULT_ENGINE_SOCKET,
    ],
  ])('%s', (_name, env, cliConfig, expected) => {
    expect(localEngineSocket({ env, ...(cliConfig !== undefined ? { cliConfig } : {}) })).toBe(expected);
  });
});
