/**
 * The environment variables well-known base images set (their image config's `Env`). BuildKit reads
 * them from the pulled image; a linter that does not pull needs a table. Only images whose Dockerfiles
 * are public and stable are listed; for any other image the environment is unknown (undefined), and
 * checks that depend on it stay quiet rather than guess.
 */
import type { DockerInstruction, PropertyParts } from '../../dockerfile/instructions.js';
import type { DockerfileModel, Stage } from '../../dockerfile/types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * What an ARG declares, in order: `ARG A B=1` is A (no default) and B=1. dockerfile-ast reads `ARG A B`
 * as A with the legacy value B (the model's `legacy` property); for ARG that form does not exist, so
 * B is a second name.
 */
export function argDefinitions(arg: DockerInstruction): { name: string; value?: string }[] {
  return (arg.properties ?? []).flatMap(propertyDefinitions);
}

/** What one `NAME[=value]` word (or dockerfile-ast's `A B` pair) of an ARG declares. */
export function propertyDefinitions(p: PropertyParts): { name: string; value?: string }[] {
  const out: { name: string; value?: string }[] = [];
  if (p.value !== undefined && !p.legacy) out.push({ name: p.name, value: p.value });
  else {
    out.push({ name: p.name });
    if (p.value !== undefined)
      for (const word of p.value.split(/\s+/)) if (NAME.test(word)) out.push({ name: word });
  }
  return out.filter((d) => NAME.test(d.name));
}

export function argNames(arg: DockerInstruction): string[] {
  return argDefinitions(arg).map((d) => d.name);
}

const JAVA = ['JAVA_HOME', 'JAVA_VERSION', 'LANG', 'LANGUAGE', 'LC_ALL'];

const IMAGE_ENV: Record<string, string[]> = {
  scratch: [],
  alpine: [],
  busybox: [],
  debian: [],
  ubuntu: [],
  centos: [],
  fedora: [],
  rockylinux: [],
  almalinux: [],
  amazonlinux: [],
  'buildpack-deps': [],
  // Red Hat's Universal Base Images set only `container=oci` (and PATH).
  'registry.access.redhat.com/ubi8/ubi': ['container'],
  'registry.access.redhat.com/ubi8/ubi-minimal': ['container'],
  'registry.access.redhat.com/ubi8/ubi-micro': ['container'],
  'registry.access.redhat.com/ubi9/ubi': ['container'],
  'registry.access.redhat.com/ubi9/ubi-minimal': ['container'],
  'registry.access.redhat.com/ubi9/ubi-micro': ['container'],
  'gcr.io/distroless/static': ['SSL_CERT_FILE'],
  'gcr.io/distroless/static-debian11': ['SSL_CERT_FILE'],
  'gcr.io/distroless/static-debian12': ['SSL_CERT_FILE'],
  'gcr.io/distroless/base': ['SSL_CERT_FILE'],
  'gcr.io/distroless/base-debian12': ['SSL_CERT_FILE'],
  'gcr.io/distroless/cc': ['SSL_CERT_FILE'],
  'gcr.io/distroless/cc-debian12': ['SSL_CERT_FILE'],
  python: [
    'LANG',
    'GPG_KEY',
    'PYTHON_VERSION',
    'PYTHON_SHA256',
    'PYTHON_PIP_VERSION',
    'PYTHON_SETUPTOOLS_VERSION',
    'PYTHON_GET_PIP_URL',
    'PYTHON_GET_PIP_SHA256',
  ],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  golang: ['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  ruby: [
    'LANG',
    'RUBY_VERSION',
    'RUBY_DOWNLOAD_URL',
    'RUBY_DOWNLOAD_SHA256',
    'GEM_HOME',
    'BUNDLE_SILENCE_ROOT_WARNING',
    'BUNDLE_APP_CONFIG',
  ],
  php: [
    'PHPIZE_DEPS',
    'PHP_INI_DIR',
    'APACHE_CONFDIR',
    'APACHE_ENVVARS',
    'PHP_CFLAGS',
    'PHP_CPPFLAGS',
    'PHP_LDFLAGS',
    'GPG_KEYS',
    'PHP_VERSION',
    'PHP_URL',
    'PHP_ASC_URL',
    'PHP_SHA256',
  ],
  openjdk: JAVA,
  'eclipse-temurin': JAVA,
  amazoncorretto: ['LANG', 'JAVA_HOME'],
  maven: [...JAVA, 'MAVEN_HOME', 'MAVEN_CONFIG'],
  gradle: [...JAVA, 'GRADLE_HOME', 'GRADLE_VERSION'],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
  postgres: ['GOSU_VERSION', 'LANG', 'PG_MAJOR', 'PG_VERSION', 'PGDATA'],
  redis: ['REDIS_DOWNLOAD_URL', 'REDIS_DOWNLOAD_SHA', 'REDIS_VERSION'],
  'mcr.microsoft.com/dotnet/runtime-deps': [
    'APP_UID',
    'ASPNETCORE_HTTP_PORTS',
    'DOTNET_RUNNING_IN_CONTAINER',
    'DOTNET_VERSION',
  ],
  'mcr.microsoft.com/dotnet/runtime': [
    'APP_UID',
    'ASPNETCORE_HTTP_PORTS',
    'DOTNET_RUNNING_IN_CONTAINER',
    'DOTNET_VERSION',
  ],
  'mcr.microsoft.com/dotnet/aspnet': [
    'APP_UID',
    'ASPNETCORE_HTTP_PORTS',
    'DOTNET_RUNNING_IN_CONTAINER',
    'DOTNET_VERSION',
    'ASPNET_VERSION',
  ],
  'mcr.microsoft.com/dotnet/sdk': [
    'APP_UID',
    'ASPNETCORE_HTTP_PORTS',
    'DOTNET_RUNNING_IN_CONTAINER',
    'DOTNET_VERSION',
    'ASPNET_VERSION',
    'DOTNET_GENERATE_ASPNET_CERTIFICATE',
    'DOTNET_NOLOGO',
    'DOTNET_SDK_VERSION',
    'DOTNET_USE_POLLING_FILE_WATCHER',
    'NUGET_XMLDOC_MODE',
    'POWERSHELL_DISTRIBUTION_CHANNEL',
  ],
};

/** `docker.io/library/node:20-alpine@sha256:...` -> `node`; `gcr.io/distroless/static:nonroot` -> as is, untagged. */
export function imageRepository(image: string): string {
  let name = image.split('@')[0];
  const lastColon = name.lastIndexOf(':');
  if (lastColon > name.lastIndexOf('/')) name = name.slice(0, lastColon);
  name = name.toLowerCase().replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  return name.replace(/^library\//, '');
}

/** Variables BuildKit's image config for `image` defines (PATH always), or undefined when unknown. */
export function knownImageEnv(image: string): Set<string> | undefined {
  if (image === '' || image.includes('$')) return undefined;
  const env = IMAGE_ENV[imageRepository(image)];
  return env ? new Set(['PATH', ...env]) : undefined;
}

/**
 * The variables a stage starts with: its base image's, or (for `FROM <stage>`) everything that stage
 * ended with (its ENVs and its ARGs, as BuildKit carries both over). Undefined when an image in the
 * chain is not one we know.
 */
export function stageStartEnv(
  model: DockerfileModel,
  stage: Stage,
  seen = new Set<number>(),
): Set<string> | undefined {
  if (stage.parent === undefined) return knownImageEnv(stage.base);
  const parent = model.graph.stages[stage.parent];
  if (!parent || seen.has(parent.index)) return undefined;
  seen.add(stage.index);
  const env = stageStartEnv(model, parent, seen);
  if (!env) return undefined;
  for (const name of definedNames(parent)) env.add(name);
  return env;
}

/** Names a stage's own ARG and ENV instructions define (ONBUILD triggers define nothing here). */
export function definedNames(stage: Stage): string[] {
  const names: string[] = [];
  for (const i of stage.steps) {
    if (i.onbuild) continue;
    if (i.keyword === 'ENV') names.push(...(i.properties ?? []).map((p) => p.name));
    if (i.keyword === 'ARG') names.push(...argNames(i));
  }
  return names;
}
