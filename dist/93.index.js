export const id = 93;
export const ids = [93];
export const modules = {

/***/ 9093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  REPORT_USAGE: () => (/* binding */ REPORT_USAGE),
  reportCommand: () => (/* binding */ reportCommand)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/limits.ts
/**
 * Every count and size limit stagegate applies, in one place, each with the reason for its value.
 * Algorithm parameters (gzip level, block sizes) stay with their algorithms; these are the bounds on
 * what is kept, shown or retried.
 */
/** Output lines a finished command keeps (its tail), by kind of command. */
const TAIL_LINES = {
    /** A command whose tail nobody asked for. */
    default: 40,
    /** One-line questions (info, buildx version, builder inspect): the error is in the last lines. */
    quick: 5,
    /** git: its errors are short, but a fetch prints progress first. */
    git: 20,
    /** A build: the failure's own output comes from the progress parser; this is the fallback. */
    build: 60,
    /** The test image's run: what the report shows of it. */
    testRun: 30,
};
/** Lines of a failing step's output the report keeps (per stage, and for the test). */
const REPORT_LOG_LINES = 30;
/** Output lines kept per build step while parsing progress (the failing step's own log). */
const STEP_OUTPUT_LINES = 200;
/** Characters of a command's stderr kept in memory: build logs can be large and only the end matters. */
const STDERR_MAX_CHARS = 1_000_000;
/** GitHub rejects issue comments longer than this (characters). */
const COMMENT_MAX_CHARS = 65_536;
/** GitHub rejects a step's job summary larger than this (bytes). */
const SUMMARY_MAX_BYTES = 1024 * 1024;
/** Room left in the job summary for whatever the job's other steps write to the same file. */
const SUMMARY_RESERVED_BYTES = 16 * 1024;
/**
 * Rows the Markdown keeps, from the full rendering down to the smallest; each list is tried in turn
 * until the text fits its limit (see report/trim.ts). The first entry of each is what a report
 * normally shows.
 */
const MARKDOWN_ROWS = {
    /** A failing log: all the report kept (REPORT_LOG_LINES), then the last 10. */
    logLines: [Infinity, 10],
    layers: [10, 5],
    waste: [10, 3],
    /** Package changes shown before the rest are collapsed, and the whole list's row counts. */
    packagesShown: 10,
    packages: [Infinity, 100, 25],
    files: [10, 5],
    findings: [Infinity, 100, 25, 5],
    /** Stages neither built nor shown in the table, listed by name. */
    unbuiltStageNames: 20,
};
/** Paths the wasted-space analysis lists (the largest first), as dive's "top offenders" does. */
const limits_WASTE_OFFENDERS = 20;
/**
 * Files of each image's final filesystem the report keeps, the largest first: enough that the files
 * a PR added or grew most are among them, few enough that the report stays small.
 */
const LARGEST_FILES_KEPT = 200;
/** Files added or grown that the report lists (the most bytes first). */
const LARGEST_FILE_CHANGES = 10;
/** Layer groups the comment's chart draws; more layers are grouped (the table still lists each). */
const CHART_GROUPS = 8;
/** Entries a cache folder on the machine keeps before it drops the oldest. */
const DIRECTORY_CACHE_ENTRIES = 1000;
/**
 * Stage builds started at once (the base commit's build runs beside them). More at once gain little
 * on a daemon's built-in BuildKit, which runs concurrent builds nearly one after another (see
 * BENCHMARKS.md), and raise the odds of BuildKit's transient "flightcontrol" failure under load.
 */
const STAGE_BUILD_CONCURRENCY = 4;
/**
 * How long stagegate keeps talking to a GitHub API that is slow, failing or rate limiting (see
 * src/seams/github/retry-policy.ts and docs/security.md). A single request that has not answered in
 * `requestTimeoutSeconds` is abandoned (the HTTP client's own limit is 300 s); no retry starts later
 * than `retryBudgetSeconds` after the first request, so the comment costs the job at most about two
 * and a half minutes; `maxAttempts` bounds the tries of one request; a create whose answer was lost
 * is sent at most `createAttempts` times, each after re-listing to see whether the last one landed.
 */
const GITHUB_API = {
    requestTimeoutSeconds: 30,
    retryBudgetSeconds: 120,
    maxAttempts: 6,
    createAttempts: 3,
};
/** The largest JSON document (manifest, config) read from a `docker save` archive. */
const ARCHIVE_DOCUMENT_MAX_BYTES = 16 * 1024 * 1024;
/**
 * How long to wait before removing a timed-out or cancelled test container again: the first
 * `docker rm --force` may come before `docker run` has created it.
 */
const TEST_CONTAINER_REMOVE_RETRY_MS = 1000;
/**
 * Annotations GitHub shows per step, of each level (error, warning, notice): it keeps 10 of each per
 * step (and 50 per job) and drops the rest silently. stagegate emits only those that will be shown,
 * errors first, and says in the summary and comment how many there are in all.
 */
const ANNOTATIONS_PER_LEVEL = 10;
/** How long a registry may take to answer for a pulled base image's layer sizes (then: compress). */
const REGISTRY_TIMEOUT_MS = 10_000;

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/seams/cache.ts
/**
 * The cache seam: small text blobs kept between runs. Three stores:
 * - the Actions cache (`actions-cache.ts`), for what must travel between workflow runs (the base
 *   commit's size report);
 * - a directory on this machine, for what stays true on it (image scans, keyed by image id): a
 *   developer's machine or a self-hosted runner re-running a job reads them back; on a fresh hosted
 *   runner it starts empty, which costs nothing;
 * - NO_CACHE, which holds nothing (the CLI has no Actions cache).
 */




/** The file an entry is kept in: its key with anything unsafe in a file name replaced, plus `.json`. */
function entryFileName(key) {
    return key.replace(/[^A-Za-z0-9_.-]/g, '_') + '.json';
}
/** A store that holds nothing: where no cache service exists (the CLI, tests that want none). */
const NO_CACHE = {
    available: () => false,
    get: async () => undefined,
    put: async () => false,
};

/**
 * Where stagegate keeps what stays true on this machine: `STAGEGATE_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/stagegate`, else `~/.cache/stagegate`. `STAGEGATE_CACHE_DIR=off` turns it off.
 */
function machineCacheDir(env = process.env) {
    const set = env.STAGEGATE_CACHE_DIR;
    if (set === 'off')
        return undefined;
    if (set)
        return set;
    return (0,external_node_path_.join)(env.XDG_CACHE_HOME || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache'), 'stagegate');
}
/** A TextCache in a directory: one file per key, written whole (temp file, then rename), pruned. */
function createDirectoryCache(dir, maxEntries = DIRECTORY_CACHE_ENTRIES) {
    const pathOf = (key) => (0,external_node_path_.join)(dir, entryFileName(key));
    let usable;
    const available = () => {
        if (usable === undefined) {
            try {
                (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
                usable = true;
            }
            catch {
                usable = false;
            }
        }
        return usable;
    };
    const prune = () => {
        const entries = (0,external_node_fs_.readdirSync)(dir).filter((f) => f.endsWith('.json'));
        if (entries.length <= maxEntries)
            return;
        const byAge = entries
            .map((f) => ({ f, at: (0,external_node_fs_.statSync)((0,external_node_path_.join)(dir, f)).mtimeMs }))
            .sort((a, b) => a.at - b.at || a.f.localeCompare(b.f));
        for (const { f } of byAge.slice(0, entries.length - maxEntries))
            (0,external_node_fs_.rmSync)((0,external_node_path_.join)(dir, f), { force: true });
    };
    return {
        available,
        async get(key) {
            if (!available())
                return undefined;
            try {
                return (0,external_node_fs_.readFileSync)(pathOf(key), 'utf8');
            }
            catch {
                return undefined;
            }
        },
        async put(key, text) {
            if (!available())
                return false;
            const path = pathOf(key);
            const temp = `${path}.${process.pid}.tmp`;
            try {
                (0,external_node_fs_.writeFileSync)(temp, text);
                (0,external_node_fs_.renameSync)(temp, path);
                prune();
                return true;
            }
            catch {
                (0,external_node_fs_.rmSync)(temp, { force: true });
                return false;
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/image/layer-facts.ts
/** Bump when what the facts hold or how they are computed changes: older entries are then not read. */
const LAYER_FACTS_FORMAT = 2;
const KINDS = ['file', 'dir', 'whiteout', 'opaque'];
function packLayerFacts(facts) {
    const { files, ...rest } = facts;
    if (!files)
        return rest;
    return {
        ...rest,
        files: {
            contentBytes: files.contentBytes,
            entries: files.entries.map((e) => [e.path, e.size, KINDS.indexOf(e.kind)]),
            ...(files.packages ? { packages: files.packages } : {}),
        },
    };
}
const isCount = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
function unpackFiles(value) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const { contentBytes, entries, packages } = value;
    if (!isCount(contentBytes) || !Array.isArray(entries))
        return undefined;
    if (packages !== undefined && (typeof packages !== 'object' || packages === null))
        return undefined;
    const out = [];
    for (const e of entries) {
        if (!Array.isArray(e) || typeof e[0] !== 'string' || !isCount(e[1]) || !KINDS[e[2]])
            return undefined;
        out.push({ path: e[0], size: e[1], kind: KINDS[e[2]] });
    }
    // The package facts are this code's own JSON (packages/types.ts), read back as written.
    return { contentBytes, entries: out, ...(packages ? { packages: packages } : {}) };
}
/** The facts in a packed value when they are well-formed (for `diffId` when given), else undefined. */
function unpackLayerFacts(value, diffId) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const v = value;
    if (typeof v.diffId !== 'string' || (diffId !== undefined && v.diffId !== diffId))
        return undefined;
    if (!isCount(v.size) || !isCount(v.compressedSize))
        return undefined;
    if (v.compressedFrom !== 'registry' && v.compressedFrom !== 'measured')
        return undefined;
    if (v.tarBytes !== undefined && !isCount(v.tarBytes))
        return undefined;
    if (v.blobDigest !== undefined && typeof v.blobDigest !== 'string')
        return undefined;
    const files = v.files === undefined ? undefined : unpackFiles(v.files);
    if (v.files !== undefined && !files)
        return undefined;
    return {
        diffId: v.diffId,
        size: v.size,
        compressedSize: v.compressedSize,
        compressedFrom: v.compressedFrom,
        ...(v.tarBytes !== undefined ? { tarBytes: v.tarBytes } : {}),
        ...(v.blobDigest !== undefined ? { blobDigest: v.blobDigest } : {}),
        ...(files ? { files } : {}),
    };
}
/** One layer's facts, as kept in the machine's cache folder. */
function serializeLayerFacts(facts) {
    return JSON.stringify({ format: LAYER_FACTS_FORMAT, layer: packLayerFacts(facts) });
}
function parseLayerFacts(text, diffId) {
    try {
        const entry = JSON.parse(text);
        return entry.format === LAYER_FACTS_FORMAT ? unpackLayerFacts(entry.layer, diffId) : undefined;
    }
    catch {
        return undefined;
    }
}
/** Combines what two sources know of one layer: the registry's figure wins, a file list is kept. */
function mergeLayerFacts(older, newer) {
    if (!older)
        return newer;
    const registry = older.compressedFrom === 'registry' && newer.compressedFrom !== 'registry' ? older : newer;
    return {
        ...older,
        ...newer,
        compressedSize: registry.compressedSize,
        compressedFrom: registry.compressedFrom,
        ...((newer.tarBytes ?? older.tarBytes) !== undefined
            ? { tarBytes: newer.tarBytes ?? older.tarBytes }
            : {}),
        ...((newer.files ?? older.files) ? { files: newer.files ?? older.files } : {}),
    };
}

;// CONCATENATED MODULE: ./src/image/layer-store.ts

const layerKey = (diffId) => `layer-v1-${diffId.replace(/^sha256:/, '')}`;
function createLayerStore(persistent) {
    const memory = new Map();
    const pending = new Set();
    let queue = Promise.resolve();
    let running = 0;
    const remember = (facts) => memory.set(facts.diffId, mergeLayerFacts(memory.get(facts.diffId), facts));
    return {
        async get(diffId) {
            if (pending.size > 0)
                await Promise.all(pending);
            const known = memory.get(diffId);
            if (known || !persistent?.available())
                return known;
            const text = await persistent.get(layerKey(diffId));
            const facts = text === undefined ? undefined : parseLayerFacts(text, diffId);
            if (facts)
                remember(facts);
            return facts;
        },
        async put(list) {
            for (const facts of list) {
                remember(facts);
                const merged = memory.get(facts.diffId);
                if (persistent?.available())
                    await persistent.put(layerKey(facts.diffId), serializeLayerFacts(merged));
            }
        },
        expect() {
            let deliver = () => undefined;
            const arrived = new Promise((resolve) => {
                deliver = (facts) => {
                    // Facts another run measured: they never replace what this run measured itself.
                    for (const f of facts)
                        if (!memory.has(f.diffId))
                            memory.set(f.diffId, f);
                    pending.delete(arrived);
                    resolve();
                };
            });
            pending.add(arrived);
            let delivered = false;
            return (facts) => {
                if (delivered)
                    return;
                delivered = true;
                deliver(facts);
            };
        },
        exclusive(work) {
            running++;
            const run = queue.then(work, work).finally(() => running--);
            queue = run.catch(() => undefined);
            return run;
        },
        busy: () => running > 0,
    };
}

;// CONCATENATED MODULE: ./src/image/scan-store.ts
/**
 * Image scans kept by image id, so an image is read through `docker save` once, and (`layers`) the
 * facts of each layer by diff id, so a new image reads only the layers never seen before.
 *
 * An image id is the digest of the image's config, and the config names each layer by the digest of
 * its uncompressed content, so everything a scan holds (layer sizes, gzip sizes, config, wasted space)
 * is a function of the id: a scan never goes stale. Within one run the store answers from memory (the
 * base commit's image is often the head's own, when a PR does not touch what the target ships); with
 * a persistent TextCache behind it (a directory on the machine) it also answers for images an earlier
 * run scanned, which is every image of a re-run whose builds all came from the build cache.
 *
 * What it reads back is checked; anything unexpected is a miss, never an error.
 */



/** Bump when what a scan holds or how it is computed changes: older entries are then never read. */
const SCAN_FORMAT = 3;
function scanKey(imageId) {
    return `image-scan-v${SCAN_FORMAT}-${imageId.replace(/^sha256:/, '')}`;
}
const scan_store_isCount = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** The scan in `text` when it is a well-formed scan of `imageId`, else undefined. */
function parseScan(text, imageId) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof value !== 'object' || value === null)
        return undefined;
    const entry = value;
    const scan = entry.scan;
    if (entry.format !== SCAN_FORMAT || !scan || scan.imageId !== imageId)
        return undefined;
    if (!scan_store_isCount(scan.configBytes) || typeof scan.config !== 'object' || scan.config === null)
        return undefined;
    if (!Array.isArray(scan.layers))
        return undefined;
    const layersOk = scan.layers.every((l) => typeof l === 'object' &&
        l !== null &&
        typeof l.path === 'string' &&
        typeof l.diffId === 'string' &&
        ['registry', 'measured', 'cached'].includes(l.compressedSizeSource ?? '') &&
        scan_store_isCount(l.size) &&
        scan_store_isCount(l.compressedSize));
    if (!layersOk)
        return undefined;
    if (scan.waste !== undefined && (typeof scan.waste !== 'object' || !scan_store_isCount(scan.waste?.wastedBytes)))
        return undefined;
    return scan;
}
function serializeScan(scan) {
    return JSON.stringify({ format: SCAN_FORMAT, scan });
}
/**
 * A store that remembers this run's scans, and reads and writes `persistent` when given; `layers`
 * holds the per-layer facts (default: this run's only).
 */
function createScanStore(persistent, layers = createLayerStore()) {
    const memory = new Map();
    const usable = (scan, needWaste) => scan && (!needWaste || scan.waste !== undefined) ? scan : undefined;
    return {
        layers,
        async get(imageId, needWaste) {
            const known = usable(memory.get(imageId), needWaste);
            if (known || !persistent?.available())
                return known;
            const text = await persistent.get(scanKey(imageId));
            const scan = text === undefined ? undefined : usable(parseScan(text, imageId), needWaste);
            if (scan)
                memory.set(imageId, scan);
            return scan;
        },
        async put(scan) {
            // A scan without the waste analysis never replaces one with it.
            if (memory.get(scan.imageId)?.waste && !scan.waste)
                return;
            memory.set(scan.imageId, scan);
            if (persistent?.available())
                await persistent.put(scanKey(scan.imageId), serializeScan(scan));
        },
    };
}
/** The store `run()` and the CLI use: this run's scans, and those kept in the machine's cache folder. */
function createMachineScanStore(env = process.env) {
    const dir = machineCacheDir(env);
    if (dir === undefined)
        return createScanStore();
    return createScanStore(createDirectoryCache((0,external_node_path_.join)(dir, 'image-scans')), createLayerStore(createDirectoryCache((0,external_node_path_.join)(dir, 'layers'))));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/build/argv.ts
/**
 * The docker command lines for one build, as argv arrays. Pure: request in, argv out, so both paths
 * (buildx and the BuildKit fallback) are covered by table-driven tests.
 *
 * Safety: every value goes in the same argv element as its flag (`--target=<x>`), so a value that
 * starts with `-` is never read as a flag, and the context comes after `--`. `-` alone means "stdin"
 * to docker for both the context and `--file`, so paths are made explicit (`./-`).
 */

function buildOptionsOf(inputs) {
    return {
        buildArgs: inputs['build-args'],
        secrets: inputs.secrets,
        secretEnvs: inputs['secret-envs'],
        secretFiles: inputs['secret-files'],
        ssh: inputs.ssh,
        buildContexts: inputs['build-contexts'],
        platforms: inputs.platforms,
        noCache: inputs['no-cache'],
        pull: inputs.pull,
    };
}
/** The environment variable that carries the n-th `secrets` value to docker (`--secret id=X,env=...`). */
const secretVariable = (n) => `STAGEGATE_SECRET_${n}`;
/** A path docker cannot mistake for `-` (stdin) or for a flag. */
function safePath(path) {
    return path.startsWith('-') ? `./${path}` : path;
}
function csv(spec) {
    const out = new Map();
    for (const part of spec.split(',')) {
        const eq = part.indexOf('=');
        if (eq > 0)
            out.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    return out;
}
/** A cache entry's type: its `type=` field, or `registry` for a bare image reference (`user/app:cache`). */
function cacheType(spec) {
    return spec.includes('=') ? csv(spec).get('type') : 'registry';
}
/**
 * What the classic `docker build --cache-from` can use: an image reference (whose inline cache BuildKit
 * reads). `type=registry,ref=<image>` says the same thing; other types (gha, local, s3, ...) need buildx.
 */
function classicCacheFrom(spec) {
    if (!spec.includes('='))
        return spec;
    const fields = csv(spec);
    if (fields.get('type') === 'registry' && fields.get('ref'))
        return fields.get('ref');
    return undefined;
}
/** One field of docker's CSV specs (`--secret id=x,src=path`), quoted when it holds a comma or quote. */
function csvField(field) {
    return /[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
/**
 * `--secret`, `--ssh`, `--no-cache`, `--pull` (both backends take them; docker build with BuildKit since
 * 18.09). A `secrets` value goes in `env`, named in argv only by its variable: argv is logged and
 * visible to every process on the machine, the environment of docker's process is not.
 */
function secretArgs(req, env) {
    const args = [];
    (req.secrets ?? []).forEach((s, n) => {
        env[secretVariable(n)] = s.value;
        args.push(`--secret=id=${s.id},env=${secretVariable(n)}`);
    });
    for (const s of req.secretEnvs ?? [])
        args.push(`--secret=id=${s.id},env=${s.env}`);
    for (const s of req.secretFiles ?? [])
        args.push(`--secret=id=${s.id},${csvField(`src=${s.path}`)}`);
    for (const spec of req.ssh ?? [])
        args.push(`--ssh=${spec}`);
    if (req.noCache)
        args.push('--no-cache');
    if (req.pull)
        args.push('--pull');
    return args;
}
/**
 * `--platform`. Only a single-platform image can be loaded into the engine (to be measured or run):
 * with several platforms, a loaded build (and every build of the fallback, which takes one) builds the
 * first, and says so.
 */
function platformArgs(req, warnings) {
    const platforms = req.platforms ?? [];
    if (platforms.length === 0)
        return [];
    const single = req.backend === 'buildkit' || req.load;
    if (!single || platforms.length === 1)
        return [`--platform=${platforms.join(',')}`];
    warnings.push(req.backend === 'buildkit'
        ? `Input 'platforms' lists ${platforms.length} platforms, but docker build (without buildx) builds one; building ${platforms[0]} only. Add docker/setup-buildx-action to build them all.`
        : `Input 'platforms' lists ${platforms.length} platforms; an image loaded into the engine (to measure it or run its tests) has one, so that build is for ${platforms[0]}. Stages that are not loaded are built for every platform.`);
    return [`--platform=${platforms[0]}`];
}
/** `docker buildx build ...` (or `docker build ...` with DOCKER_BUILDKIT=1 on the fallback path). */
function buildArgv(req) {
    const warnings = [];
    const env = {};
    const common = [
        '--progress=plain',
        `--file=${safePath(req.file)}`,
        ...(req.target ? [`--target=${req.target}`] : []),
        `--iidfile=${req.iidFile}`,
        ...req.buildArgs.map((a) => `--build-arg=${a.name}=${a.value}`),
        ...platformArgs(req, warnings),
        ...secretArgs(req, env),
    ];
    if (req.backend === 'buildx') {
        const args = ['buildx', 'build', ...common];
        for (const c of req.buildContexts ?? [])
            args.push(`--build-context=${c.name}=${c.value}`);
        if (req.metadataFile)
            args.push(`--metadata-file=${req.metadataFile}`);
        if (req.builder)
            args.push(`--builder=${req.builder}`);
        // The engine's platform, for an image it loads, unless the user chose platforms (platformArgs).
        if (req.platform && !req.platforms?.length)
            args.push(`--platform=${req.platform}`);
        for (const c of req.cacheFrom)
            args.push(`--cache-from=${c}`);
        for (const c of req.cacheTo)
            args.push(`--cache-to=${c}`);
        // Without --load the result stays in the builder's cache (enough for stages nobody runs or measures).
        if (req.load)
            args.push(req.exportTo ? `--output=type=docker,${csvField(`dest=${req.exportTo}`)}` : '--load');
        else if (req.cacheOnly)
            args.push('--output=type=cacheonly');
        args.push('--', safePath(req.context));
        return { args, env, warnings };
    }
    const args = ['build', ...common];
    for (const c of req.buildContexts ?? [])
        warnings.push(`Input 'build-contexts' entry '${c.name}' needs docker buildx (docker build has no named contexts); it is ignored, so a stage that uses it fails to build. Add docker/setup-buildx-action to use it.`);
    if (req.builder)
        warnings.push(`Input 'builder' (${req.builder}) needs docker buildx, which is not available; building with the default BuildKit engine instead. Add docker/setup-buildx-action to use a builder.`);
    for (const c of req.cacheFrom) {
        const ref = classicCacheFrom(c);
        if (ref !== undefined)
            args.push(`--cache-from=${ref}`);
        else
            warnings.push(`Input 'cache-from' entry '${c}' needs docker buildx (docker build only reads the inline cache of an image reference); it is ignored. Add docker/setup-buildx-action to use it.`);
    }
    for (const c of req.cacheTo)
        warnings.push(`Input 'cache-to' entry '${c}' needs docker buildx (docker build cannot export a cache); it is ignored. Add docker/setup-buildx-action to use it.`);
    // docker build always stores the image in the engine, so there is nothing to ask for with --load.
    args.push('--', safePath(req.context));
    return { args, env: { ...env, DOCKER_BUILDKIT: '1' }, warnings };
}
/** The command line as it may be logged: build-arg values are never shown (they may be secrets). */
function redactedCommand(args) {
    return [
        'docker',
        ...args.map((a) => (a.startsWith('--build-arg=') ? a.replace(/^(--build-arg=[^=]*)=.*$/s, '$1=***') : a)),
    ].join(' ');
}
/** `stagegate-<8 hex of the Dockerfile path>-<stage>`: the gha scope of one stage of one Dockerfile. */
function stageScope(dockerfile, stage) {
    const path = dockerfile.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    return `stagegate-${(0,external_node_crypto_.createHash)('sha256').update(path).digest('hex').slice(0, 8)}-${stage}`;
}
/**
 * The cache settings for one stage's build. Each stage is its own build, and several builds exporting
 * to one cache location would overwrite each other (the last one wins). So:
 * - `type=gha` without a `scope` gets one scope per stage and Dockerfile (stageScope), exported with
 *   `ignore-error=true` (a throttled export must not fail a stage), and every build reads all the
 *   Dockerfile's scopes plus the default scope (where docker/build-push-action writes);
 * - other location-bound exports (registry, local, s3, azblob, gha with a scope) are written by the
 *   target's build only;
 * - `type=inline` (cache inside the image) goes with every build.
 */
function stageCache(req) {
    const scoped = (spec, key) => `${spec},scope=${stageScope(req.dockerfile, key)}`;
    const isUnscopedGha = (spec) => {
        const f = csv(spec);
        return f.get('type') === 'gha' && !f.has('scope');
    };
    const from = req.cacheFrom.flatMap((c) => isUnscopedGha(c) ? [c, ...req.plannedStages.map((k) => scoped(c, k))] : [c]);
    const to = req.cacheTo.flatMap((c) => {
        if (isUnscopedGha(c)) {
            const spec = scoped(c, req.stage);
            return [csv(c).has('ignore-error') ? spec : `${spec},ignore-error=true`];
        }
        return cacheType(c) === 'inline' || req.isTarget ? [c] : [];
    });
    return { cacheFrom: [...new Set(from)], cacheTo: to };
}
/**
 * The cache exports this builder can do. buildx's docker driver on the classic image store refuses
 * any export but `type=inline` ("Cache export is not supported for the docker driver"), failing the
 * whole build: those entries are dropped, each with a warning that says what to change.
 */
function supportedCacheTo(cacheTo, builder) {
    if (builder.backend !== 'buildx' || builder.driver !== 'docker' || builder.imageStore !== 'classic')
        return { cacheTo, warnings: [] };
    const kept = [];
    const warnings = [];
    for (const c of cacheTo) {
        if (cacheType(c) === 'inline')
            kept.push(c);
        else
            warnings.push(`Input 'cache-to' entry '${c}' cannot be exported by buildx's docker driver on the classic image store; it is ignored. ` +
                'Add docker/setup-buildx-action (a docker-container builder) or enable the containerd image store to export it.');
    }
    return { cacheTo: kept, warnings };
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/seams/engine-socket.ts
/**
 * Which Docker Engine API socket the docker CLI would talk to, when it is a local unix socket that
 * stagegate may read directly. Pure: the environment and the CLI config file's text are arguments.
 *
 * Why read the socket at all: `docker save` through the CLI copies every byte once more (daemon ->
 * CLI -> pipe -> stagegate). Reading `GET /images/get` from the socket, as dive does, takes that hop
 * out of the job's longest read (BENCHMARKS.md section 8). Anything the CLI would resolve differently
 * (a context, a tcp or ssh host) keeps the CLI, so the bytes always come from the daemon the rest of
 * the job talks to. Every docker CLI resolves its daemon this way, so `STAGEGATE_DOCKER` (which CLI
 * binary runs) changes nothing here.
 */
/** The CLI's default when neither DOCKER_HOST nor a context names another daemon. */
const DEFAULT_ENGINE_SOCKET = '/var/run/docker.sock';
const UNIX_SCHEME = 'unix://';
/** The unix socket path to read the engine API from, or undefined when only the CLI knows the way. */
function localEngineSocket({ env, cliConfig }) {
    const context = env.DOCKER_CONTEXT?.trim();
    if (context && context !== 'default')
        return undefined;
    const host = env.DOCKER_HOST?.trim();
    if (host) {
        const path = host.startsWith(UNIX_SCHEME) ? host.slice(UNIX_SCHEME.length) : '';
        return path || undefined;
    }
    if (!context && currentContext(cliConfig) !== 'default')
        return undefined;
    return DEFAULT_ENGINE_SOCKET;
}
/** The config file's `currentContext` ('default' when unset or unreadable as JSON). */
function currentContext(cliConfig) {
    if (!cliConfig)
        return 'default';
    try {
        const parsed = JSON.parse(cliConfig);
        return typeof parsed.currentContext === 'string' && parsed.currentContext.trim()
            ? parsed.currentContext.trim()
            : 'default';
    }
    catch {
        // The CLI refuses a config it cannot parse; so do we, by leaving the work to it.
        return 'unreadable';
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/seams/http-response.ts
/**
 * Reads one HTTP/1.1 response from the bytes a socket delivers, as they arrive: the status line and
 * headers, then the body with its framing removed (chunked, Content-Length, or until the connection
 * closes). Pure: bytes in, callbacks out; the engine seam (engine.ts) owns the socket.
 *
 * Why not node:http (or undici) for the engine's `GET /images/get`: on a 517 MB `docker save` from
 * dockerd 20.10 (chunked, about 50 KB a read), a bare read of the response through node:http took
 * 750–790 ms after the first byte and 530–580 ms of CPU, undici 810–860 ms and 600 ms, and the same
 * socket read with `onread` into a large buffer, framing ignored, 480–495 ms and 160–170 ms (measured
 * side by side on this machine). That CPU is taken from the daemon writing the stream on a two-core
 * runner, so the stream itself slows. The response is one GET that stagegate sends itself; this reads
 * only what such a response can hold (RFC 9112: status line, header fields, chunked coding with
 * extensions and trailers, Content-Length), and refuses anything else.
 */
/** Longest status line plus header block accepted. */
const HEAD_MAX = 64 * 1024;
/** Longest chunk-size or trailer line accepted. */
const LINE_MAX = 4096;
const CRLFCRLF = Buffer.from('\r\n\r\n');
const NO_BYTES = Buffer.alloc(0);
class HttpResponseReader {
    sink;
    state = { kind: 'head' };
    /** Head bytes gathered across writes until the blank line. */
    head = NO_BYTES;
    /** A chunk-size, chunk-end or trailer line split across writes. */
    line = '';
    constructor(sink) {
        this.sink = sink;
    }
    /** True once the whole response has been read (bytes after it are ignored). */
    get complete() {
        return this.state.kind === 'done';
    }
    /** Throws on bytes that are not an HTTP/1.1 response; the reader is then unusable. */
    write(chunk) {
        let at = 0;
        while (at < chunk.length) {
            const s = this.state;
            switch (s.kind) {
                case 'head':
                    at = this.readHead(chunk, at);
                    break;
                case 'chunk-data':
                case 'length': {
                    const n = Math.min(s.left, chunk.length - at);
                    this.sink.body(chunk.subarray(at, at + n));
                    at += n;
                    s.left -= n;
                    if (s.left === 0)
                        this.state = s.kind === 'length' ? { kind: 'done' } : { kind: 'chunk-end' };
                    break;
                }
                case 'until-close':
                    this.sink.body(chunk.subarray(at));
                    return;
                case 'done':
                    return;
                default:
                    at = this.readLine(chunk, at);
            }
        }
    }
    /** The connection closed: throws when the response was not complete (a body read until close is). */
    end() {
        if (this.state.kind === 'until-close')
            this.state = { kind: 'done' };
        if (this.state.kind !== 'done')
            throw new Error('the connection closed before the response was complete');
    }
    readHead(chunk, at) {
        const before = this.head.length;
        const gathered = before === 0 ? chunk.subarray(at) : Buffer.concat([this.head, chunk.subarray(at)]);
        // The blank line may have begun in what was gathered before: search from up to 3 bytes back.
        const blank = gathered.indexOf(CRLFCRLF, Math.max(0, before - 3));
        if (blank === -1) {
            if (gathered.length > HEAD_MAX)
                throw new Error('response headers are too long');
            this.head = Buffer.from(gathered); // a copy: the chunk's bytes are not ours past this write
            return chunk.length;
        }
        if (blank + 4 > HEAD_MAX)
            throw new Error('response headers are too long');
        this.head = NO_BYTES;
        this.startBody(parseHead(gathered.toString('latin1', 0, blank)));
        return at + blank + 4 - before;
    }
    startBody(head) {
        if (head.status < 200)
            return void (this.state = { kind: 'head' }); // 1xx: the real one follows
        this.sink.head(head);
        const coding = head.headers.get('transfer-encoding');
        const length = head.headers.get('content-length');
        if (head.status === 204 || head.status === 304)
            this.state = { kind: 'done' };
        else if (coding !== undefined) {
            if (coding.toLowerCase().split(',').pop()?.trim() !== 'chunked')
                throw new Error(`unsupported transfer coding: ${coding}`);
            this.state = { kind: 'chunk-size' };
        }
        else if (length !== undefined) {
            if (!/^\d+$/.test(length))
                throw new Error(`invalid content-length: ${length}`);
            const left = Number(length);
            this.state = left === 0 ? { kind: 'done' } : { kind: 'length', left };
        }
        else
            this.state = { kind: 'until-close' };
    }
    /** Gathers one line (chunk size, the CRLF after chunk data, a trailer); acts on it when whole. */
    readLine(chunk, at) {
        const nl = chunk.indexOf(0x0a, at);
        const end = nl === -1 ? chunk.length : nl;
        this.line += chunk.toString('latin1', at, end);
        if (this.line.length > LINE_MAX)
            throw new Error('chunk framing line is too long');
        if (nl === -1)
            return chunk.length;
        const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
        this.line = '';
        this.onLine(line);
        return nl + 1;
    }
    onLine(line) {
        const s = this.state;
        if (s.kind === 'chunk-end') {
            if (line !== '')
                throw new Error('chunk data is not followed by CRLF');
            this.state = { kind: 'chunk-size' };
        }
        else if (s.kind === 'trailer') {
            if (line === '')
                this.state = { kind: 'done' };
        }
        else {
            const hex = line.split(';')[0]?.trim() ?? '';
            if (!/^[0-9a-fA-F]{1,12}$/.test(hex))
                throw new Error(`invalid chunk size: ${JSON.stringify(line)}`);
            const size = parseInt(hex, 16);
            this.state = size === 0 ? { kind: 'trailer' } : { kind: 'chunk-data', left: size };
        }
    }
}
function parseHead(text) {
    const [statusLine = '', ...fields] = text.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
    if (!m)
        throw new Error(`not an HTTP/1.1 response: ${JSON.stringify(statusLine.slice(0, 80))}`);
    const headers = new Map();
    for (const field of fields) {
        const colon = field.indexOf(':');
        if (colon <= 0)
            throw new Error(`invalid header field: ${JSON.stringify(field.slice(0, 80))}`);
        const name = field.slice(0, colon).trim().toLowerCase();
        const value = field.slice(colon + 1).trim();
        const before = headers.get(name);
        headers.set(name, before === undefined ? value : `${before}, ${value}`);
    }
    return { status: Number(m[1]), headers };
}
/**
 * Body views of one buffer, in order, moved together to the first one's start (the framing between
 * them overwritten): one view instead of many. The views must share one memory and not overlap; the
 * bytes after the joined view are left as they were.
 */
function joinInPlace(parts) {
    const first = parts[0];
    if (parts.length <= 1 || !first)
        return first;
    const origin = first.byteOffset;
    const last = parts[parts.length - 1];
    const span = Buffer.from(first.buffer, origin, last.byteOffset + last.length - origin);
    let filled = first.length;
    for (let i = 1; i < parts.length; i++) {
        const p = parts[i];
        if (p.buffer !== first.buffer || p.byteOffset - origin < filled)
            throw new Error('joinInPlace: views of different memory, or out of order');
        span.copyWithin(filled, p.byteOffset - origin, p.byteOffset - origin + p.length);
        filled += p.length;
    }
    return span.subarray(0, filled);
}

;// CONCATENATED MODULE: ./src/seams/engine-api.ts
/**
 * A streamed GET on the Docker engine's API socket (what `docker save` itself sends:
 * `GET /images/get?names=…`), shaped like a process so callers treat it as `docker save`: the body is
 * its stdout, and it "exits" 0, 1 (with the daemon's message, as the CLI prints it) or 130 (cancelled,
 * or the reader stopped early). Which socket, and when, is engine-socket.ts's and engine.ts's call.
 *
 * The socket is read into large buffers (`onread`) and the response decoded by http-response.ts, not
 * by node:http, whose per-read cost slowed a multi-GB `docker save` (the measurement is there).
 */



/**
 * Bytes each socket read may fill: a fast stream then comes in few, large reads. A slab serves reads
 * until less than READ_MIN_BYTES of it is left; the views handed on keep it alive, nothing is copied.
 */
const READ_SLAB_BYTES = 1024 * 1024;
const READ_MIN_BYTES = 128 * 1024;
/** How much decoded body the stream holds before the socket is paused (backpressure). */
const BODY_BUFFER_BYTES = 1024 * 1024;
/** How many bytes of an error response's body are kept for the message. */
const ERROR_TEXT_MAX = 10_000;
/** The daemon's error document, `{"message": "No such image: …"}`, in the CLI's words. */
function daemonErrorMessage(status, text) {
    let message = text.trim();
    try {
        message = String(JSON.parse(text).message ?? message);
    }
    catch {
        // not JSON: the text as it came
    }
    return `Error response from daemon: ${message || `HTTP ${status}`}`;
}
/** Where the next socket read goes: the free end of the current slab, or a new slab. */
class ReadSlabs {
    slab = Buffer.allocUnsafe(READ_SLAB_BYTES);
    used = 0;
    next() {
        if (this.slab.length - this.used < READ_MIN_BYTES) {
            this.slab = Buffer.allocUnsafe(READ_SLAB_BYTES);
            this.used = 0;
        }
        return this.slab.subarray(this.used);
    }
    /** The `n` bytes a read put into `into` (what `next` returned), as a Buffer view. */
    took(n, into) {
        this.used += n;
        return Buffer.from(into.buffer, into.byteOffset, n);
    }
}
class ApiTransfer {
    signal;
    body;
    done;
    socket;
    slabs = new ReadSlabs();
    response;
    status = 0;
    /** An error response's body, kept up to ERROR_TEXT_MAX bytes and decoded once whole. */
    errorBody = [];
    errorBytes = 0;
    parts = [];
    paused = false;
    settled = false;
    resolveDone = () => undefined;
    cancel = () => this.finish(130, 'engine API: cancelled');
    constructor(socketPath, path, signal) {
        this.signal = signal;
        this.done = new Promise((resolve) => (this.resolveDone = resolve));
        this.body = new external_node_stream_.Readable({ highWaterMark: BODY_BUFFER_BYTES, read: () => this.resume() });
        this.response = new HttpResponseReader({
            head: (head) => (this.status = head.status),
            body: (chunk) => {
                if (this.status === 200)
                    this.parts.push(chunk);
                else if (this.errorBytes < ERROR_TEXT_MAX) {
                    const kept = chunk.subarray(0, ERROR_TEXT_MAX - this.errorBytes);
                    this.errorBody.push(Buffer.from(kept));
                    this.errorBytes += kept.length;
                }
            },
        });
        this.socket = (0,external_node_net_.connect)({
            path: socketPath,
            onread: { buffer: () => this.slabs.next(), callback: (n, into) => this.onRead(n, into) },
        });
        this.socket.on('connect', () => this.socket.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: stagegate\r\nConnection: close\r\n\r\n`));
        this.socket.on('end', () => this.onEnd());
        this.socket.on('error', (err) => this.finish(1, `engine API (${socketPath}): ${err.message}`));
        // The reader stopped early (a partial read): stop the transfer, as a closed pipe stops `docker save`.
        this.body.on('close', () => this.finish(130, 'engine API: read stopped'));
        if (signal?.aborted)
            this.cancel();
        else
            signal?.addEventListener('abort', this.cancel, { once: true });
    }
    resume() {
        if (!this.paused)
            return;
        this.paused = false;
        this.socket.resume();
    }
    /** One socket read: decode it, hand its body bytes on as one view; false pauses the socket. */
    onRead(n, into) {
        try {
            this.response.write(this.slabs.took(n, into));
        }
        catch (err) {
            this.finish(1, `engine API: ${err.message}`);
            return false;
        }
        const joined = joinInPlace(this.parts);
        this.parts = [];
        const more = joined ? this.body.push(joined) : true;
        if (this.response.complete) {
            this.settle();
            return false;
        }
        if (!more)
            this.paused = true;
        return more;
    }
    onEnd() {
        try {
            this.response.end();
        }
        catch (err) {
            return this.finish(1, `engine API: ${err.message}`);
        }
        this.settle();
    }
    /** The whole response is in: the body's end, or the daemon's error. */
    settle() {
        if (this.status === 200)
            this.finish(0);
        else
            this.finish(1, daemonErrorMessage(this.status, Buffer.concat(this.errorBody).toString('utf8')));
    }
    finish(exitCode, message = '') {
        if (this.settled)
            return;
        this.settled = true;
        this.signal?.removeEventListener('abort', this.cancel);
        this.socket.destroy();
        if (!this.body.readableEnded && !this.body.destroyed)
            this.body.push(null);
        this.resolveDone({ exitCode, stdout: '', stderr: message, tail: message ? [message] : [] });
    }
}
/** GET `path` on the engine socket `socketPath`, streamed. */
function engineApiGet(socketPath, path, signal) {
    const transfer = new ApiTransfer(socketPath, path, signal);
    return { stdout: transfer.body, done: transfer.done };
}

;// CONCATENATED MODULE: ./src/seams/engine.ts
/**
 * The engine seam: the only module that starts `docker` or `git`. Every argument is an argv element
 * (never a shell string), so stage names, paths and build-args cannot inject flags or commands.
 *
 * It spawns with node:child_process rather than @actions/exec: `docker save` must be read as a stream
 * with back-pressure (a multi-GB image never sits in memory), which @actions/exec's data listeners
 * cannot pause, and one mechanism for both kinds of call keeps the seam small.
 */






/**
 * Why a command failed, in one line: its last `lines` non-blank lines of output, or
 * its exit code when it printed nothing.
 */
function failureSummary(result, lines = 2) {
    const fromTail = result.tail.filter((l) => l.trim());
    const source = fromTail.length ? fromTail : result.stderr.split(/\r?\n/).filter((l) => l.trim());
    return (source
        .slice(-lines)
        .map((l) => l.trim())
        .join(' ') || `exit code ${result.exitCode}`);
}
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const stripAnsi = (s) => s.replace(ANSI, '');
/** `STAGEGATE_DOCKER` picks a docker CLI other than the first on PATH (e.g. one with BuildKit). */
function toolPath(tool) {
    if (tool === 'docker')
        return process.env.STAGEGATE_DOCKER || 'docker';
    return process.env.STAGEGATE_GIT || 'git';
}
class LineSplitter {
    emit;
    rest = '';
    constructor(emit) {
        this.emit = emit;
    }
    push(chunk) {
        const parts = (this.rest + chunk).split(/\r?\n|\r/);
        this.rest = parts.pop() ?? '';
        for (const p of parts)
            this.emit(p);
    }
    end() {
        if (this.rest)
            this.emit(this.rest);
        this.rest = '';
    }
}
function spawnTool(tool, args, options, captureStdout) {
    const child = (0,external_node_child_process_.spawn)(toolPath(tool), args, {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        signal: options.signal,
    });
    const tailMax = options.tailLines ?? 40;
    const tail = [];
    let stdout = '';
    let stderr = '';
    const keep = (line, stream) => {
        const clean = stripAnsi(line);
        tail.push(clean);
        if (tail.length > tailMax)
            tail.shift();
        options.onLine?.(clean, stream);
    };
    const outLines = new LineSplitter((l) => keep(l, 'stdout'));
    const errLines = new LineSplitter((l) => keep(l, 'stderr'));
    if (captureStdout) {
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (d) => {
            stdout += d;
            outLines.push(d);
        });
    }
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
        // Keep stderr bounded: build logs can be large and only the tail matters.
        stderr = (stderr + d).slice(-1_000_000);
        errLines.push(d);
    });
    child.stdin.on('error', () => undefined);
    if (options.input !== undefined)
        child.stdin.end(options.input);
    else
        child.stdin.end();
    const done = new Promise((resolve) => {
        let settled = false;
        child.on('error', (err) => {
            if (settled)
                return;
            settled = true;
            if (err.name === 'AbortError') {
                // Cancelled: what it printed so far is kept (the report shows it), and 130 as for SIGINT.
                outLines.end();
                errLines.end();
                resolve({ exitCode: 130, stdout, stderr, tail: [...tail, `${toolPath(tool)}: cancelled`] });
                return;
            }
            const message = err.code === 'ENOENT' ? `${toolPath(tool)}: command not found` : `${toolPath(tool)}: ${err.message}`;
            resolve({ exitCode: 127, stdout, stderr: message, tail: [message] });
        });
        child.on('close', (code, signal) => {
            if (settled)
                return;
            settled = true;
            outLines.end();
            errLines.end();
            resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr, tail });
        });
    });
    return { child, done };
}
/** The local engine socket the docker CLI would use, when this process may open it. */
function usableEngineSocket() {
    const configDir = process.env.DOCKER_CONFIG || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker');
    let cliConfig;
    try {
        cliConfig = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(configDir, 'config.json'), 'utf8');
    }
    catch {
        cliConfig = undefined;
    }
    const socket = localEngineSocket({ env: process.env, cliConfig });
    if (!socket)
        return undefined;
    try {
        (0,external_node_fs_.accessSync)(socket, external_node_fs_.constants.R_OK | external_node_fs_.constants.W_OK);
        return socket;
    }
    catch {
        return undefined; // not there, or not ours to open: the CLI says why, in its words
    }
}
function createEngine() {
    return {
        engineApiGet(path, options = {}) {
            const socket = usableEngineSocket();
            return socket ? engineApiGet(socket, path, options.signal) : undefined;
        },
        run(tool, args, options = {}) {
            return spawnTool(tool, args, options, true).done;
        },
        stream(tool, args, options = {}) {
            const { child, done } = spawnTool(tool, args, options, false);
            return { stdout: child.stdout, done };
        },
    };
}

;// CONCATENATED MODULE: ./src/seams/docker.ts
/**
 * The Docker client: every `docker` command stagegate runs, as one typed call each, over the engine
 * seam (which only spawns processes). Why a command failed is worded here, once (`failureSummary`),
 * and the errors a user must act on (no engine, an unknown builder) are raised here with the fix.
 * Callers never assemble docker argv themselves, except a build's, which `build/argv.ts` makes.
 */





/** A docker command failed; `summary` says why in docker's own words. */
class DockerError extends Error {
    command;
    result;
    constructor(command, result) {
        super(`'docker ${command}' failed: ${failureSummary(result)}`);
        this.command = command;
        this.result = result;
        this.name = 'DockerError';
    }
}
/** docker info's Architecture (the kernel's name) as an OCI platform architecture. */
const OCI_ARCH = {
    x86_64: 'amd64',
    amd64: 'amd64',
    aarch64: 'arm64',
    arm64: 'arm64',
    armv7l: 'arm/v7',
    armv6l: 'arm/v6',
    ppc64le: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
};
function platformOf(info) {
    const os = typeof info.OSType === 'string' ? info.OSType : undefined;
    const arch = typeof info.Architecture === 'string' ? OCI_ARCH[info.Architecture] : undefined;
    return os && arch ? `${os}/${arch}` : undefined;
}
/** The builder's own `Name:` and `Driver:` lines (the first ones; node sections follow). */
function parseBuilderInfo(text) {
    const field = (key) => new RegExp(`^${key}:\\s*(\\S.*)$`, 'm').exec(text)?.[1].trim();
    return { name: field('Name'), driver: field('Driver') };
}
/** Reads `docker info --format '{{json .}}'`; a CLI that prints something else still answered. */
function parseEngineInfo(stdout) {
    let info = {};
    try {
        const parsed = JSON.parse(stdout);
        if (typeof parsed === 'object' && parsed !== null)
            info = parsed;
    }
    catch {
        return { serverVersion: stdout.trim() || 'unknown', imageStore: 'classic' };
    }
    const status = Array.isArray(info.DriverStatus) ? info.DriverStatus : [];
    // The containerd store shows ["driver-type", "io.containerd.snapshotter.v1"] in DriverStatus.
    const snapshotter = status.some((row) => Array.isArray(row) && row.some((cell) => String(cell).startsWith('io.containerd.snapshotter')));
    return {
        serverVersion: typeof info.ServerVersion === 'string' ? info.ServerVersion : 'unknown',
        imageStore: snapshotter ? 'containerd' : 'classic',
        storageDriver: typeof info.Driver === 'string' ? info.Driver : undefined,
        platform: platformOf(info),
    };
}
const strings = (v) => Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
function parseInspect(image, stdout) {
    const parsed = JSON.parse(stdout);
    if (typeof parsed.Id !== 'string' || typeof parsed.Size !== 'number') {
        throw new errors/* UserError */.y(`docker image inspect ${image} did not report an Id and a Size.`, 'size');
    }
    const diffIds = strings(parsed.RootFS?.Layers);
    const configFields = {};
    for (const [from, to] of CONFIG_FIELDS)
        if (parsed[from] !== undefined)
            configFields[to] = parsed[from];
    return {
        id: parsed.Id,
        size: parsed.Size,
        layerCount: diffIds.length,
        diffIds,
        repoDigests: strings(parsed.RepoDigests),
        configFields,
    };
}
/** inspect's names for the image config's own fields. */
const CONFIG_FIELDS = [
    ['Architecture', 'architecture'],
    ['Author', 'author'],
    ['Config', 'config'],
    ['Created', 'created'],
    ['Os', 'os'],
    ['Variant', 'variant'],
];
/** `docker history --format '{{json .}}' --human=false` lines, newest first, as rows oldest first. */
function parseHistory(stdout) {
    const rows = [];
    for (const line of stdout.split('\n')) {
        if (!line.trim())
            continue;
        const row = JSON.parse(line);
        const size = Number(row.Size);
        if (!Number.isInteger(size) || size < 0)
            throw new Error(`docker history printed a size '${String(row.Size)}'`);
        rows.push({
            createdBy: typeof row.CreatedBy === 'string' ? row.CreatedBy : '',
            size,
            comment: typeof row.Comment === 'string' ? row.Comment : '',
        });
    }
    return rows.reverse();
}
const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;
/** `docker image inspect`, asked once per image id (see `Docker.inspectImage`). */
function imageInspector(engine) {
    const inspectedIds = new Map();
    const inspect = async (image) => {
        const r = await engine.run('docker', ['image', 'inspect', '--format', '{{json .}}', image]);
        if (r.exitCode !== 0)
            throw new DockerError(`image inspect ${image}`, r);
        return parseInspect(image, r.stdout);
    };
    return (image) => {
        if (!IMAGE_ID.test(image))
            return inspect(image);
        let known = inspectedIds.get(image);
        if (!known) {
            known = inspect(image);
            inspectedIds.set(image, known);
            // A failure is not kept: the image may be loaded later in the job.
            known.catch(() => inspectedIds.delete(image));
        }
        return known;
    };
}
/** `docker save` (see `Docker.save`). */
function imageSaver(engine) {
    return (images, signal) => {
        // The CLI's own request (`docker save A B` is `GET /images/get?names=A&names=B`), read from the
        // socket when the CLI would use a local one: one copy of every byte fewer (engine-socket.ts).
        const names = typeof images === 'string' ? [images] : [...images];
        const options = signal ? { signal } : {};
        const query = names.map((n) => `names=${encodeURIComponent(n)}`).join('&');
        const direct = engine.engineApiGet?.(`/images/get?${query}`, options);
        return direct ?? engine.stream('docker', ['save', ...names], options);
    };
}
/** A build's exported archive (see `Docker.exported`), streamed from the file as `save` streams. */
function exportedArchive(file, signal) {
    const stdout = (0,external_node_fs_.createReadStream)(file);
    signal?.addEventListener('abort', () => stdout.destroy(), { once: true });
    const done = new Promise((resolve) => {
        const ended = (message) => resolve({
            exitCode: message ? 1 : 0,
            stdout: '',
            stderr: message ?? '',
            tail: message ? [message] : [],
        });
        stdout.once('error', (err) => ended(err.message));
        stdout.once('close', () => ended());
    });
    return { stdout, done };
}
function createDocker(engine) {
    const quick = (args) => engine.run('docker', args, { tailLines: 5 });
    const inspectImage = imageInspector(engine);
    return {
        async info() {
            const r = await quick(['info', '--format', '{{json .}}']);
            if (r.exitCode === 0)
                return parseEngineInfo(r.stdout);
            throw new errors/* UserError */.y(`Cannot reach a Docker engine ('docker info' failed: ${failureSummary(r)}). Start the Docker daemon (or set DOCKER_HOST); ` +
                'on GitHub Actions use a runner with Docker (e.g. ubuntu-latest) and add docker/setup-buildx-action before stagegate.', 'engine');
        },
        async buildxVersion() {
            const r = await quick(['buildx', 'version']);
            return r.exitCode === 0 ? r.stdout.split('\n')[0].trim() || 'buildx' : undefined;
        },
        async inspectBuilder(name) {
            const r = await quick(name === undefined ? ['buildx', 'inspect'] : ['buildx', 'inspect', '--', name]);
            if (r.exitCode === 0)
                return parseBuilderInfo(r.stdout);
            if (name === undefined)
                return {};
            throw new errors/* UserError */.y(`Input 'builder' is '${name}', but docker buildx cannot use it ('docker buildx inspect' failed: ${failureSummary(r, 1)}). ` +
                "Create it first (docker/setup-buildx-action's 'name' output is what to pass), or leave 'builder' empty for the default builder.", 'inputs');
        },
        build(args, call = {}) {
            const options = {
                cwd: call.cwd,
                env: call.env,
                tailLines: TAIL_LINES.build,
                signal: call.signal,
            };
            if (call.onLine) {
                const onLine = call.onLine;
                options.onLine = (line) => onLine(line);
            }
            return engine.run('docker', args, options);
        },
        inspectImage,
        async history(image) {
            const args = ['history', '--no-trunc', '--human=false', '--format', '{{json .}}', image];
            const r = await engine.run('docker', args);
            if (r.exitCode !== 0)
                throw new DockerError(`history ${image}`, r);
            return parseHistory(r.stdout);
        },
        async imagetools(ref, how, timeoutMs) {
            const mode = 'raw' in how ? ['--raw'] : ['--format', how.format];
            const r = await engine.run('docker', ['buildx', 'imagetools', 'inspect', ...mode, '--', ref], {
                tailLines: 5,
                signal: AbortSignal.timeout(timeoutMs),
            });
            return r.exitCode === 0 ? r.stdout : undefined;
        },
        save: imageSaver(engine),
        exported: exportedArchive,
        async load(file) {
            const r = await quick(['load', '--quiet', `--input=${file}`]);
            if (r.exitCode !== 0)
                throw new DockerError(`load --input=${file}`, r);
        },
        run(image, call = {}) {
            const options = { tailLines: TAIL_LINES.testRun };
            if (call.onLine) {
                const onLine = call.onLine;
                options.onLine = (line) => onLine(line);
            }
            const platform = call.platform ? [`--platform=${call.platform}`] : [];
            const name = call.name ? ['--name', call.name] : [];
            return engine.run('docker', ['run', '--rm', ...name, ...platform, '--', image], options);
        },
        async removeContainer(name) {
            const r = await quick(['rm', '--force', '--', name]);
            return r.exitCode === 0;
        },
    };
}

;// CONCATENATED MODULE: ./src/seams/runner-temp.ts
/**
 * The runner's temporary folder: RUNNER_TEMP, which the runner empties after each job, else the
 * system's (the CLI, a local run). Build files, base-commit worktrees and reports are written there.
 */



const runnerTemp = () => process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
/** A new folder in the runner's temporary folder, named `<prefix>` and six random characters. */
const runnerTempDir = (prefix) => (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(runnerTemp(), prefix));

;// CONCATENATED MODULE: ./src/build/progress.ts
/**
 * Reads BuildKit's `--progress=plain` output, line by line, into what the report needs: whether every
 * step came from cache, and which step failed with what output and exit code. Pure: feed it lines.
 *
 * The format (the same from Docker 20.10's built-in BuildKit to current buildx): each vertex has an
 * id `#N`; its first line names it (`#5 [build 2/3] RUN make`), later lines are `#5 0.123 <output>`,
 * `#5 CACHED`, `#5 DONE 0.2s` or `#5 ERROR: <message>`. Vertices of concurrent steps interleave.
 */

const HEADER = /^#(\d+) (.*)$/;
const TIMED = /^\d+(?:\.\d+)? (.*)$/;
const STEP = /^\[(?:(\S+) )?\d+\/\d+\] (.*)$/;
const EXIT_CODE = /exit code: (\d+)/;
/** BuildKit's last word on a failed build, which repeats the failing vertex's error. */
const SOLVE_FAILED = /failed to solve:/;
/** Cache transfers BuildKit reports as errors but builds past (a cache that is not there yet). */
const BEST_EFFORT_CACHE = /^(importing cache manifest from|exporting cache)\b/;
const OUTPUT_LINES = STEP_OUTPUT_LINES;
/** A Dockerfile step other than FROM (see fullyCached). */
function isOwnStep(v) {
    return v.command !== undefined && !/^FROM\b/i.test(v.command);
}
/**
 * Whether every step of the given stages came from cache, judged over the output of several builds
 * that ran at the same time. BuildKit runs a step that concurrent builds share once and may show it in
 * only one of their outputs, so one build's output can lack steps it needed. A step counts as cached
 * when some output shows it CACHED and none shows it run. `stages` are BuildKit's bracket names
 * (`build`, `stage-2`), compared case-insensitively. Undefined when no output shows any such step.
 */
function cachedAcrossBuilds(outputs, stages) {
    const seen = new Set();
    const cached = new Set();
    const ran = new Set();
    for (const v of outputs.flat()) {
        if (!isOwnStep(v) || !stages.has((v.stage ?? '').toLowerCase()))
            continue;
        seen.add(v.name);
        if (v.cached)
            cached.add(v.name);
        else if (v.done || v.error !== undefined)
            ran.add(v.name);
    }
    if (seen.size === 0)
        return undefined;
    return [...seen].every((name) => cached.has(name) && !ran.has(name));
}
class ProgressParser {
    vertices = new Map();
    order = [];
    /** Lines that belong to no vertex (e.g. the final `ERROR: failed to solve: ...`). */
    loose = [];
    push(line) {
        const m = HEADER.exec(line);
        if (!m) {
            if (line.trim()) {
                this.loose.push(line);
                if (this.loose.length > OUTPUT_LINES)
                    this.loose.shift();
            }
            return;
        }
        const id = Number(m[1]);
        const rest = m[2];
        let v = this.vertices.get(id);
        if (!v) {
            const step = STEP.exec(rest);
            v = {
                id,
                name: rest,
                stage: step?.[1] ?? (step ? '' : undefined),
                command: step?.[2],
                cached: false,
                done: false,
                output: [],
            };
            this.vertices.set(id, v);
            this.order.push(v);
            return;
        }
        if (rest === v.name || rest.startsWith('sha256:'))
            return; // repeated header, or the digest line
        if (rest === 'CACHED')
            v.cached = true;
        else if (/^DONE\b/.test(rest))
            v.done = true;
        else if (rest.startsWith('ERROR'))
            v.error = rest.replace(/^ERROR:?\s*/, '');
        else if (rest === 'CANCELED' || rest.startsWith('CANCELED'))
            return;
        else {
            const t = TIMED.exec(rest);
            v.output.push(t ? t[1] : rest);
            if (v.output.length > OUTPUT_LINES)
                v.output.shift();
        }
    }
    /** Every vertex, in the order they first appeared. */
    steps() {
        return [...this.order];
    }
    /**
     * True when every Dockerfile step came from cache. `FROM` steps are left out (BuildKit marks a local
     * base CACHED on the first build and DONE on later ones), as are internal vertices (loading the
     * context and the definition always runs). A build with no step at all is not "cached".
     */
    fullyCached() {
        const steps = this.order.filter(isOwnStep);
        return steps.length > 0 && steps.every((v) => v.cached);
    }
    /**
     * The step that failed the build, or undefined when none did. Not simply the first vertex with an
     * error: BuildKit reports a cache import that finds nothing (`importing cache manifest from …`, every
     * first run with a registry `cache-from`) as an error and builds on. The failing vertex is the one
     * whose error BuildKit's final `failed to solve:` line repeats; else the first Dockerfile step with
     * an error; else the first error that is not a best-effort cache transfer.
     */
    failure() {
        const errored = this.order.filter((v) => v.error !== undefined);
        if (errored.length === 0)
            return undefined;
        const solve = [...this.loose].reverse().find((l) => SOLVE_FAILED.test(l));
        const failed = (solve !== undefined ? errored.find((v) => v.error && solve.includes(v.error)) : undefined) ??
            errored.find((v) => v.command !== undefined) ??
            errored.find((v) => !BEST_EFFORT_CACHE.test(v.name)) ??
            errored[0];
        const code = EXIT_CODE.exec(failed.error ?? '');
        return {
            command: failed.command ?? failed.name,
            stage: failed.stage,
            exitCode: code ? Number(code[1]) : undefined,
            output: failed.output,
            message: failed.error ?? '',
        };
    }
}
/** Parses a whole log at once (tests, and builds whose output was collected first). */
function parseProgress(lines) {
    const p = new ProgressParser();
    for (const l of lines)
        p.push(l);
    return p;
}

;// CONCATENATED MODULE: ./src/build/build-image.ts
/**
 * One `docker buildx build` (or `DOCKER_BUILDKIT=1 docker build`) of one target, through the Docker
 * client, and, for a target loaded through a file (`throughFile`), the `docker load` of its export.
 * The baseline work calls it too, from the base commit's worktree (`cwd`).
 */







/** Removes a build's exported file (`archive`) and its folder; nothing when there is none. */
function removeExport(archive) {
    if (archive)
        (0,external_node_fs_.rmSync)((0,external_node_path_.dirname)(archive), { recursive: true, force: true });
}
/** What Docker 23+ CLIs print when DOCKER_BUILDKIT=1 is set but the buildx plugin is missing. */
const CLI_WITHOUT_BUILDKIT = /BuildKit is enabled but the buildx component is missing or broken/;
/**
 * The ids a build may have left for its image, most likely first: the iidfile, then the metadata
 * file's image (manifest) digest and config digest (buildx).
 */
function imageIdCandidates(iidFile, metadataFile) {
    const ids = [];
    try {
        const id = (0,external_node_fs_.readFileSync)(iidFile, 'utf8').trim();
        if (id)
            ids.push(id);
    }
    catch {
        // not written: no image (a failed build, or a cache-only result)
    }
    if (!metadataFile)
        return ids;
    try {
        const meta = JSON.parse((0,external_node_fs_.readFileSync)(metadataFile, 'utf8'));
        for (const key of ['containerimage.digest', 'containerimage.config.digest']) {
            const digest = meta[key];
            if (typeof digest === 'string' && digest && !ids.includes(digest))
                ids.push(digest);
        }
    }
    catch {
        // no metadata file: the iidfile is all there is
    }
    return ids;
}
/**
 * The id under which the engine's store holds a loaded image. Under the containerd image store the
 * iidfile can name a config digest the store cannot resolve (the docker driver with attestations off
 * on older buildx; docker-container `--load` on buildx < 0.24); the metadata file's image digest then
 * is the one it knows. The first candidate the store resolves wins, as the store names it.
 */
async function resolveLoadedImage(docker, candidates) {
    for (const id of candidates) {
        try {
            return (await docker.inspectImage(id)).id;
        }
        catch (err) {
            if (!(err instanceof DockerError))
                throw err;
        }
    }
    return candidates[0];
}
/**
 * BuildKit's "flightcontrol: exceeded retry timeout" (moby/buildkit#990, #1822): a step shared by
 * concurrent builds can fail this way under load, through no fault of the Dockerfile. A second try
 * normally builds, from the cache the first one filled.
 */
const TRANSIENT_FAILURE = /flightcontrol: exceeded retry timeout/;
/**
 * Builds one target with `docker buildx build` or `DOCKER_BUILDKIT=1 docker build`. A build that
 * fails with BuildKit's known transient error is tried once more, and says so in its warnings.
 */
async function buildImage(docker, request) {
    const first = await buildOnce(docker, request);
    const text = [...first.tail, first.failure?.message ?? ''].join('\n');
    if (first.ok || !TRANSIENT_FAILURE.test(text))
        return first;
    const second = await buildOnce(docker, request);
    const note = "BuildKit failed a build with its transient error 'flightcontrol: exceeded retry timeout' " +
        '(moby/buildkit#1822, under load with concurrent builds); stagegate built it again once.';
    return { ...second, startedAt: first.startedAt, warnings: [...(second.warnings ?? []), note] };
}
/** The built image's id; for a buildx build loaded into the engine, the id the engine's store resolves. */
async function imageIdOf(docker, request, iidFile, metadataFile) {
    const candidates = imageIdCandidates(iidFile, metadataFile);
    if (request.backend !== 'buildx' || !request.load || candidates.length < 2)
        return candidates[0];
    return resolveLoadedImage(docker, candidates);
}
/** Where a build loaded through a file exports to: its own folder, kept until the caller removes it. */
function exportFileFor(request) {
    if (!request.throughFile || !request.load || request.backend !== 'buildx')
        return undefined;
    return (0,external_node_path_.join)(runnerTempDir('stagegate-export-'), 'image.tar');
}
/** `docker load` of the build's export; docker's message when the engine could not. */
async function loadExport(docker, file) {
    try {
        await docker.load(file);
        return undefined;
    }
    catch (err) {
        if (!(err instanceof DockerError))
            throw err;
        return `'docker load' of the build's export failed: ${failureSummary(err.result)}`;
    }
}
async function buildOnce(docker, request) {
    const dir = runnerTempDir('stagegate-build-');
    const iidFile = (0,external_node_path_.join)(dir, 'iid');
    const metadataFile = request.backend === 'buildx' ? (0,external_node_path_.join)(dir, 'metadata.json') : undefined;
    const exportTo = exportFileFor(request);
    let keepExport = false;
    const { args, env, warnings } = buildArgv({ ...request, iidFile, metadataFile, exportTo });
    const progress = new ProgressParser();
    request.onStart?.(args);
    const startedAt = Date.now();
    try {
        const result = await docker.build(args, {
            cwd: request.cwd,
            env,
            signal: request.signal,
            onLine: (line) => {
                progress.push(line);
                request.onLine?.(line);
            },
        });
        const finishedAt = Date.now();
        const ok = result.exitCode === 0;
        if (!ok && request.backend === 'buildkit' && CLI_WITHOUT_BUILDKIT.test(result.tail.join('\n'))) {
            // Not the Dockerfile's fault, and every stage would fail the same way: say what to change once.
            throw new errors/* UserError */.y('This docker CLI has neither the buildx plugin nor a built-in BuildKit builder (Docker 23+ CLIs ' +
                'refuse DOCKER_BUILDKIT=1 without buildx), so nothing can be built. Add docker/setup-buildx-action ' +
                'before stagegate, install the docker-buildx-plugin package, or set STAGEGATE_DOCKER to a docker CLI ' +
                "with BuildKit built in (e.g. Debian's docker.io: /usr/bin/docker).", 'build');
        }
        // The build is done when its export is in the engine: a load that fails is the engine's fault.
        const loadFault = ok && exportTo ? await loadExport(docker, exportTo) : undefined;
        const loaded = ok && loadFault === undefined;
        keepExport = loaded && exportTo !== undefined;
        return {
            ok: loaded,
            imageId: loaded ? await imageIdOf(docker, request, iidFile, metadataFile) : undefined,
            startedAt,
            // A load is part of the build, as with --load, whose stream it replaces.
            finishedAt: exportTo && ok ? Date.now() : finishedAt,
            cached: loaded && progress.fullyCached(),
            steps: progress.steps().filter((v) => v.command !== undefined),
            tail: loadFault === undefined ? result.tail : [...result.tail, loadFault],
            failure: ok ? undefined : progress.failure(),
            exitCode: loadFault === undefined ? result.exitCode : 1,
            warnings,
            ...(keepExport ? { archive: exportTo } : {}),
            ...(loadFault !== undefined ? { engineFault: loadFault } : {}),
        };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        if (!keepExport)
            removeExport(exportTo);
    }
}

// EXTERNAL MODULE: ./src/dockerfile/graph.ts
var dockerfile_graph = __webpack_require__(6630);
// EXTERNAL MODULE: ./src/build/plan.ts
var build_plan = __webpack_require__(4713);
;// CONCATENATED MODULE: ./src/build/schedule.ts
/**
 * How the stage builds are scheduled: all at once (at most `concurrency` at a time, in plan order, so
 * dependencies start first), without waiting for the stages they depend on.
 *
 * Waiting is unnecessary: a `docker build --target X` builds X's dependencies itself, and BuildKit runs
 * a step that concurrent builds share once (the others wait for it and reuse its result; tested on the
 * real engine). Waiting would only serialise the wall time: a chain of cached stages costs one build's
 * start-up per link. What waiting gave the report, a dependent stage marked "skipped because stage Y
 * failed" rather than failed with Y's error again, `blameFailedDependencies` restores afterwards.
 */
/** Runs `run` for every node, at most `concurrency` at a time, starting them in the given order. */
async function runAll(nodes, concurrency, run) {
    const results = new Map();
    let next = 0;
    const worker = async () => {
        while (next < nodes.length) {
            const node = nodes[next++];
            results.set(node, await run(node));
        }
    };
    const workers = Math.max(1, Math.min(concurrency, nodes.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return new Map(nodes.map((n) => [n, results.get(n)]));
}
/**
 * A failed node one of whose dependencies also failed is replaced by `blame(node, dependency)`, naming
 * the first dependency (in `dependsOn` order) that failed on its own account: the root cause, not a
 * stage that failed because of it. Nodes that failed with no failed dependency keep their own result.
 */
function blameFailedDependencies(results, dependsOn, failed, blame) {
    const failedDeps = (node) => (dependsOn.get(node) ?? []).filter((d) => d !== node && results.has(d) && failed(results.get(d)));
    const out = new Map();
    for (const [node, result] of results) {
        if (!failed(result)) {
            out.set(node, result);
            continue;
        }
        const deps = failedDeps(node);
        if (deps.length === 0) {
            out.set(node, result);
            continue;
        }
        const root = deps.find((d) => failedDeps(d).length === 0) ?? deps[0];
        out.set(node, blame(node, root));
    }
    return out;
}

;// CONCATENATED MODULE: ./src/build/test-gate.ts

/** An instruction's text as written, continuation lines joined and whitespace collapsed. */
function instructionText(text, ins) {
    const lines = text.split(/\r?\n/);
    return normalize(lines.slice(ins.line - 1, ins.endLine).join('\n'));
}
function normalize(s) {
    return s
        .replace(/[\\`]\r?\n/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
}
/** The CMD/ENTRYPOINT the stage sets itself (the last of each wins, as in Docker), if any. */
function ownCommand(text, graph, index) {
    // ONBUILD triggers left out: they set nothing for this stage's own image.
    const instructions = graph.stages[index].steps.filter((i) => !i.onbuild);
    const last = (keyword) => [...instructions].reverse().find((i) => i.keyword === keyword);
    const entrypoint = last('ENTRYPOINT');
    const cmd = last('CMD');
    if (!entrypoint && !cmd)
        return undefined;
    const parts = [entrypoint, cmd].filter((i) => i !== undefined);
    return {
        command: parts.map((i) => instructionText(text, i)).join(' '),
        line: (entrypoint ?? cmd).line,
    };
}
/**
 * The stage index a BuildKit step label names: a stage name, `stage-N` for unnamed stages, or ''
 * (one-stage builds), which is the target being built.
 */
function stageOfStep(graph, label, target) {
    if (label === undefined || label === '')
        return target;
    const unnamed = /^stage-(\d+)$/.exec(label);
    if (unnamed)
        return Number(unnamed[1]);
    return (0,dockerfile_graph/* findStage */.U9)(graph, label)?.index;
}
/** The Dockerfile line of a failing step: the instruction in its stage whose text BuildKit shows. */
function locateStep(text, graph, failure, target) {
    const stage = stageOfStep(graph, failure.stage, target);
    if (stage === undefined || !graph.stages[stage])
        return {};
    const wanted = normalize(failure.command);
    const candidates = graph.stages[stage].steps.map((i) => ({
        line: i.line,
        text: instructionText(text, i),
    }));
    const exact = candidates.find((c) => c.text === wanted);
    if (exact)
        return { stage, line: exact.line };
    // BuildKit may shorten long step names; a unique prefix still tells the line.
    const prefix = wanted.replace(/\.\.\.$/, '').slice(0, 60);
    const starts = candidates.filter((c) => c.text.startsWith(prefix));
    return starts.length === 1 ? { stage, line: starts[0].line } : { stage };
}

;// CONCATENATED MODULE: ./src/build/hints.ts
/** Levenshtein distance, small strings only. */
function editDistance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++)
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}
function fromRefHints(graph) {
    const names = graph.stages.flatMap((s) => (s.name === undefined ? [] : [s.name]));
    const hints = [];
    for (const stage of graph.stages) {
        for (const e of stage.edges) {
            // Only bare names (`biuld`), not references that clearly mean an image (`golang:1.22`, `org/x`).
            if (e.kind === 'from' || e.stage !== undefined || !/^[a-z][a-z0-9_-]*$/i.test(e.ref))
                continue;
            const ref = e.ref.toLowerCase();
            const close = names
                .map((n) => ({ n, d: editDistance(ref, n.toLowerCase()) }))
                .filter((x) => x.d > 0 && x.d <= Math.min(2, Math.floor(x.n.length / 3)))
                .sort((x, y) => x.d - y.d)[0];
            if (!close)
                continue;
            const flag = e.kind === 'copy' ? 'COPY --from' : 'RUN --mount=from';
            hints.push({
                line: e.line,
                message: `${flag}=${e.ref} names no stage, so it will be pulled as an image; did you mean stage '${close.n}'?`,
            });
        }
    }
    return hints;
}

;// CONCATENATED MODULE: ./src/build/engine-fault.ts
/**
 * Tells the Docker engine's faults from the Dockerfile's: a daemon that is unreachable or dies while
 * it builds or runs is not the pull request's failure, and must not be reported as a failed stage or
 * a failed test. Pure: a command's result in, docker's own message out (or undefined when the
 * Dockerfile's step or the test itself failed).
 */
/** What docker and BuildKit print when the engine, not the build, failed (connection, stream, daemon). */
const ENGINE_FAULT_PATTERNS = [
    /Cannot connect to the Docker daemon/i,
    /error during connect/i,
    /connection reset by peer/i,
    /unexpected EOF/i,
    /error reading from server: EOF/i,
    /server did not provide an image ID/i,
    /failed to dial gRPC/i,
    /rpc error: code = Unavailable/i,
    /Error response from daemon: (?:.*)?(?:dial unix|no such host|connection refused)/i,
    /dial unix \S+: connect: (?:no such file or directory|connection refused)/i,
];
/** `docker run` exits 125 when docker itself failed (not the container's command): see `docker run --help`. */
const DOCKER_RUN_OWN_ERROR = 125;
const clean = (lines) => lines.map((l) => l.trim()).filter((l) => l !== '');
function matching(lines) {
    return [...lines].reverse().find((l) => ENGINE_FAULT_PATTERNS.some((p) => p.test(l)));
}
/**
 * Docker's message when a build failed because of the engine. A step whose own command exited
 * non-zero is the Dockerfile's failure, whatever its output says (a RUN curl may print "connection
 * reset by peer" itself).
 */
function buildEngineFault(outcome) {
    if (outcome.exitCode === 0 || outcome.stepExitCode !== undefined)
        return undefined;
    return matching(clean([...outcome.tail, outcome.stepMessage ?? '']));
}
/**
 * Docker's message when `docker run` failed on docker's side: its own exit code 125 (the engine
 * refused or lost the container). Any other exit code is the test command's, whatever it printed.
 */
function runEngineFault(outcome) {
    if (outcome.exitCode !== DOCKER_RUN_OWN_ERROR)
        return undefined;
    const lines = clean(outcome.tail);
    return (matching(lines) ??
        [...lines].reverse().find((l) => l.startsWith('docker:')) ??
        lines[lines.length - 1] ??
        `docker run exited with ${DOCKER_RUN_OWN_ERROR} (docker's own error)`);
}

;// CONCATENATED MODULE: ./src/build/duration.ts
/**
 * Durations as a workflow author writes them (`90s`, `30m`, `1h`, `1h30m`, `0`). Pure.
 */
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * Milliseconds for a duration: one or more `<number><unit>` parts (units ms, s, m, h), or a bare
 * number of seconds. `0` is 0 (no limit, for the caller to say). Undefined when it is not a duration.
 */
function parseDuration(text) {
    const s = text.trim().toLowerCase();
    if (/^\d+(?:\.\d+)?$/.test(s))
        return Math.round(Number(s) * 1000);
    if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(s))
        return undefined;
    let total = 0;
    for (const [, n, unit] of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
        total += Number(n) * UNIT_MS[unit];
    return Math.round(total);
}
/** A duration for people: `3s`, `90s` as `1m30s`, `30m`, `1h`. */
function formatDurationLimit(ms) {
    if (ms < 1000)
        return `${ms}ms`;
    let rest = Math.round(ms / 1000);
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const m = Math.floor(rest / 60);
    const sec = rest - m * 60;
    return [h ? `${h}h` : '', m ? `${m}m` : '', sec ? `${sec}s` : ''].join('') || '0s';
}

;// CONCATENATED MODULE: ./src/build/test-run.ts
/**
 * Runs the test image once (its own CMD/ENTRYPOINT), in a container with a name stagegate chose, so
 * the container can be removed whatever happens to the docker client: at `test-timeout`, when the
 * job is cancelled (SIGINT/SIGTERM from the runner), and when the engine fails. The verdict is data:
 * passed, failed (the command failed or ran past the limit), or error (the engine failed, or the run
 * was cancelled: no verdict on the pull request).
 */




/** A container name no other run picks: `stagegate-test-<12 hex digits>`. */
function testContainerName() {
    return `stagegate-test-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Removes the container until the run ends: a first `docker rm` may come before the container exists. */
function containerStopper(docker, name, finished) {
    let reason;
    let removal;
    const stop = (why) => {
        if (reason)
            return;
        reason = why;
        removal = (async () => {
            while (!finished()) {
                await docker.removeContainer(name);
                if (!finished())
                    await sleep(TEST_CONTAINER_REMOVE_RETRY_MS);
            }
        })();
    };
    return { stop, reason: () => reason, removed: () => removal ?? Promise.resolve() };
}
function verdict(req, reason, exitCode, output) {
    const { stage, command } = req;
    const failedStep = { kind: 'run', command: command.command, line: command.line };
    const logTail = output.filter((l) => l.trim() !== '').slice(-REPORT_LOG_LINES);
    if (reason === 'timeout') {
        const limit = formatDurationLimit(req.timeoutMs ?? 0);
        return {
            test: {
                stage,
                result: 'failed',
                reason: `timed out after ${limit} ('test-timeout'); the container was stopped and removed.`,
                timedOutAfterMs: req.timeoutMs,
                failedStep,
                logTail,
            },
        };
    }
    if (reason === 'cancelled')
        return {
            test: {
                stage,
                result: 'error',
                reason: 'the run was cancelled while the test image ran; the container was removed.',
                logTail,
            },
        };
    if (exitCode === 0)
        return { test: { stage, result: 'passed' } };
    return { test: { stage, result: 'failed', failedStep: { ...failedStep, exitCode }, logTail } };
}
async function runTestImage(docker, req) {
    const name = testContainerName();
    const output = [];
    let finished = false;
    const stopper = containerStopper(docker, name, () => finished);
    if (req.signal?.aborted)
        return verdict(req, 'cancelled', 130, []);
    const onAbort = () => stopper.stop('cancelled');
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = req.timeoutMs ? setTimeout(() => stopper.stop('timeout'), req.timeoutMs) : undefined;
    req.log.info(`[${req.stage}] running the test image once: docker run --rm --name ${name} ${req.image}`);
    try {
        const run = await docker.run(req.image, {
            name,
            platform: req.platform,
            onLine: (line) => {
                output.push(line);
                if (output.length > REPORT_LOG_LINES * 4)
                    output.splice(0, output.length - REPORT_LOG_LINES);
                req.log.info(`[${req.stage} run] ${line}`);
            },
        });
        finished = true;
        const reason = stopper.reason();
        const fault = reason ? undefined : runEngineFault({ exitCode: run.exitCode, tail: run.tail });
        if (fault)
            return {
                test: { stage: req.stage, result: 'error', reason: `the Docker engine failed: ${fault}` },
                error: engineError(`running the test image of stage '${req.stage}'`, fault),
            };
        return verdict(req, reason, run.exitCode, output);
    }
    finally {
        finished = true;
        if (timer)
            clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        await stopper.removed();
    }
}
/** The report's error for an engine fault: docker's message, and that it is not the PR's failure. */
function engineError(while_, message) {
    return {
        step: 'engine',
        message: `The Docker engine failed while ${while_}: ${message}. This is not a failure of the pull request's ` +
            'Dockerfile or tests; check the Docker daemon (or DOCKER_HOST) and run the job again.',
    };
}

;// CONCATENATED MODULE: ./src/build/execute.ts
/**
 * Runs the build plan: every planned stage built once, all started together against the same builder
 * (which runs the steps they share once; see schedule.ts), then the test gate. Records per stage what
 * the report shows: times, cache, image id, and the failing step's output. Nothing here throws for a
 * failed build: failures are data, and main fails the step late, after the report and comment exist.
 */











const LOG_TAIL = REPORT_LOG_LINES;
function nonEmpty(lines) {
    return lines.filter((l) => l.trim() !== '');
}
/** What the report shows for a failed build: the failing step, its output, BuildKit's message. */
function errorTail(result) {
    const f = result.failure;
    if (!f)
        return nonEmpty(result.tail).slice(-LOG_TAIL);
    const step = f.stage ? `[${f.stage}] ${f.command}` : f.command;
    return [`> ${step}`, ...nonEmpty(f.output).slice(-LOG_TAIL), `ERROR: ${f.message}`];
}
/**
 * Checks that the engine answers and detects, once, what it is: `docker buildx build` when buildx
 * works, else the BuildKit fallback (with a notice); the image store; the builder and its driver. The
 * `builder` input must name a builder buildx knows.
 */
async function prepareBuilder(docker, log, inputs) {
    // Both are quick questions to the CLI; asking them at once takes one round trip, not two.
    const [info, buildxVersion] = await Promise.all([docker.info(), docker.buildxVersion()]);
    const daemon = { serverVersion: info.serverVersion, imageStore: info.imageStore, platform: info.platform };
    if (buildxVersion === undefined) {
        log.notice("docker buildx is not available ('docker buildx version' failed); building with DOCKER_BUILDKIT=1 docker build instead. " +
            'Add docker/setup-buildx-action for buildx, remote builders and cache export.');
        return { backend: 'buildkit', ...daemon };
    }
    const builder = await docker.inspectBuilder(inputs.builder);
    return {
        backend: 'buildx',
        ...daemon,
        buildxVersion,
        builder: builder.name ?? inputs.builder,
        driver: builder.driver,
    };
}
const labelOf = (model, i) => (0,dockerfile_graph/* stageLabel */.Hn)(model.graph.stages[i]);
/**
 * Whether a stage nothing loads is built with `--output=type=cacheonly`. buildx's docker driver
 * exports every build into the engine's store; under the containerd store that export compresses
 * each new layer (seconds per 100 MB) for a stage image the report cannot size anyway (the store's
 * Size is packed: docs/size.md). Under the classic store the export compresses nothing and gives the
 * stage table its sizes, so it is kept. Other drivers keep an unloaded build in their cache anyway:
 * saying so only spares the log buildx's "No output specified" warning, once per stage. With the
 * driver unknown nothing is asked (it may be the classic store's docker driver).
 */
function cacheOnlyUnlessLoaded(engine) {
    if (engine.backend !== 'buildx' || engine.driver === undefined)
        return false;
    return !(engine.driver === 'docker' && engine.imageStore === 'classic');
}
/**
 * Whether the target is loaded through a file it is exported to (`--output=type=docker,dest=`, then
 * `docker load`), and measured from that file. On buildx drivers other than docker (docker-container,
 * remote, kubernetes) a loaded image is an export the builder streams to the engine anyway, its
 * layers gzip-compressed as the builder stores and would push them: read from the file, their
 * compressed sizes are exact and nothing is compressed again, and no `docker save` is needed. The
 * docker driver writes straight into the engine's store: there is no export to keep.
 */
function loadsThroughFile(engine) {
    return engine.backend === 'buildx' && engine.driver !== undefined && engine.driver !== 'docker';
}
/** Builds one planned stage; a warning several builds give is logged once. */
function stageBuilder(setup) {
    const { docker, log, plan, model, inputs, engine, testCommand } = setup;
    const { backend } = engine;
    const plannedStages = plan.stages.map((i) => model.graph.stages[i].key);
    const exportable = supportedCacheTo(inputs['cache-to'], engine);
    for (const w of exportable.warnings)
        log.warning(w);
    const warned = new Set();
    return async (i) => {
        const stage = model.graph.stages[i];
        const label = labelOf(model, i);
        // The fallback cannot use cache exports at all: its warnings name the inputs as the user wrote them.
        const cache = backend === 'buildx'
            ? stageCache({
                cacheFrom: inputs['cache-from'],
                cacheTo: exportable.cacheTo,
                dockerfile: inputs.file,
                stage: stage.key,
                isTarget: i === plan.target,
                plannedStages,
            })
            : { cacheFrom: inputs['cache-from'], cacheTo: inputs['cache-to'] };
        // Load what later steps use: the target (measured) and a test image that is run.
        const load = i === plan.target || (i === plan.testStage && testCommand !== undefined);
        const result = await buildImage(docker, {
            backend,
            context: inputs.context,
            file: inputs.file,
            // Only the last stage may be unnamed here (the plan refuses others): no --target builds it.
            target: stage.name ?? '',
            ...buildOptionsOf(inputs),
            builder: inputs.builder,
            cacheFrom: cache.cacheFrom,
            cacheTo: cache.cacheTo,
            load,
            // The target is measured: from the file it was loaded from, where the driver exports (loadsThroughFile).
            throughFile: i === plan.target && loadsThroughFile(engine),
            cacheOnly: !load && cacheOnlyUnlessLoaded(engine),
            // What is loaded is measured or run here: build it for this engine, whatever the builder's own node is.
            platform: load && backend === 'buildx' ? engine.platform : undefined,
            signal: setup.signal,
            onStart: (args) => log.info(`[${label}] ${redactedCommand(args)}`),
            onLine: (line) => log.info(`[${label}] ${line}`),
        });
        for (const w of result.warnings ?? []) {
            if (warned.has(w))
                continue;
            warned.add(w);
            log.warning(w);
        }
        return stageOutcome(label, result, setup.signal);
    };
}
/**
 * A build's record. One the engine failed (or the job's cancellation ended) did not finish: it is
 * `skipped`, saying why, never `failed` (that is the Dockerfile's failure).
 */
function stageOutcome(label, result, signal) {
    const fault = result.ok
        ? undefined
        : (result.engineFault ??
            buildEngineFault({
                exitCode: result.exitCode,
                tail: result.tail,
                stepMessage: result.failure?.message,
                stepExitCode: result.failure?.exitCode,
            }));
    const cancelled = !result.ok && signal?.aborted === true;
    const unfinished = fault !== undefined || cancelled;
    const build = {
        stage: label,
        status: result.ok ? 'built' : unfinished ? 'skipped' : 'failed',
        startedAt: result.startedAt,
        finishedAt: result.finishedAt,
        durationMs: result.finishedAt - result.startedAt,
        cached: result.cached,
        imageId: result.imageId,
        errorTail: result.ok || unfinished ? undefined : errorTail(result),
        ...(cancelled
            ? { reason: 'the run was cancelled before it finished' }
            : fault
                ? { reason: `the Docker engine failed: ${fault}` }
                : {}),
    };
    return { build, result, engineFault: cancelled ? undefined : fault };
}
/** One engine error per distinct message docker gave, naming the stages it ended. */
function engineErrors(model, outcomes) {
    const byMessage = new Map();
    for (const [i, o] of outcomes) {
        if (o.engineFault === undefined)
            continue;
        byMessage.set(o.engineFault, [...(byMessage.get(o.engineFault) ?? []), labelOf(model, i)]);
    }
    return [...byMessage].map(([message, stages]) => engineError(`building stage${stages.length > 1 ? 's' : ''} ${stages.map((s) => `'${s}'`).join(', ')}`, message));
}
/**
 * Stages that failed because a stage they need failed, reported as skipped and blaming that stage
 * (always one that failed on its own account; see blameFailedDependencies) instead of its error again.
 */
function blameDependencies(model, plan, attempted) {
    return blameFailedDependencies(attempted, (0,build_plan/* plannedDependencies */.eI)(model.graph, plan), (o) => o.build.status === 'failed', (i, dep) => {
        const { startedAt, finishedAt } = attempted.get(i).build;
        return {
            build: {
                stage: labelOf(model, i),
                status: 'skipped',
                startedAt,
                finishedAt,
                durationMs: 0,
                cached: false,
                reason: `it needs stage '${labelOf(model, dep)}', which failed to build`,
            },
        };
    });
}
async function executePlan(docker, log, plan, model, inputs, options = {}) {
    const engine = options.engine ?? (await prepareBuilder(docker, log, inputs));
    for (const hint of fromRefHints(model.graph))
        log.warning(hint.message, { title: 'stagegate: --from', file: model.file, startLine: hint.line });
    const testCommand = plan.testStage === undefined ? undefined : ownCommand(model.text, model.graph, plan.testStage);
    const { signal } = options;
    const buildStage = stageBuilder({ docker, log, plan, model, inputs, engine, testCommand, signal });
    const attempted = await runAll(plan.stages, options.concurrency ?? STAGE_BUILD_CONCURRENCY, buildStage);
    judgeCacheAcrossBuilds(model.graph, attempted);
    const outcomes = blameDependencies(model, plan, attempted);
    const builds = plan.stages.map((i) => outcomes.get(i).build);
    const target = outcomes.get(plan.target);
    const targetImage = target?.build.status === 'built' ? target.build.imageId : undefined;
    const targetArchive = targetImage ? target?.result?.archive : undefined;
    if (!targetArchive)
        removeExport(target?.result?.archive);
    options.onTargetBuilt?.(targetImage, targetArchive);
    // The test image was built for the first of the user's platforms, else for the engine's own.
    const runPlatform = engine.backend === 'buildx' ? (inputs.platforms?.[0] ?? engine.platform) : undefined;
    const gate = await testGate({
        docker,
        log,
        plan,
        model,
        outcomes,
        command: testCommand,
        inputs,
        signal,
        platform: runPlatform,
    });
    return {
        engine,
        builds,
        test: gate.test,
        targetImage,
        ...(targetArchive ? { targetArchive } : {}),
        errors: [...engineErrors(model, attempted), ...(gate.error ? [gate.error] : [])],
    };
}
/** BuildKit's bracket names for a stage's steps: its name, and `stage-N` (what unnamed stages show). */
function bracketNames(graph, index) {
    const name = graph.stages[index]?.name;
    return name ? [name.toLowerCase(), `stage-${index}`] : [`stage-${index}`];
}
/**
 * Sets each built stage's `cached` from every build's output together: the stage's own output may lack
 * steps a concurrent build ran (or loaded from cache) for both. See cachedAcrossBuilds.
 */
function judgeCacheAcrossBuilds(graph, outcomes) {
    const outputs = [...outcomes.values()].map((o) => o.result?.steps ?? []);
    for (const [i, o] of outcomes) {
        if (o.build.status !== 'built')
            continue;
        const stages = new Set([i, ...(0,dockerfile_graph/* transitiveDependencies */.hH)(graph, i)].flatMap((s) => bracketNames(graph, s)));
        o.build.cached = cachedAcrossBuilds(outputs, stages) ?? o.build.cached;
    }
}
/** The step that failed first among the stages the test stage needs (for a test that could not build). */
function failedDependency(model, plan, outcomes, testStage) {
    const deps = (0,build_plan/* plannedDependencies */.eI)(model.graph, plan).get(testStage) ?? [];
    return deps.find((d) => outcomes.get(d)?.build.status === 'failed');
}
/** The test verdict from a failed build of the test stage (or of a stage it needs). */
function buildFailure(model, plan, stage, outcome) {
    const r = outcome.result;
    const f = r?.failure;
    const located = f ? locateStep(model.text, model.graph, f, stage) : {};
    return {
        kind: 'build',
        command: f?.command ?? `docker build --target ${(0,dockerfile_graph/* stageLabel */.Hn)(model.graph.stages[stage])}`,
        line: located.line,
        exitCode: f?.exitCode ?? r?.exitCode,
    };
}
function failureLog(outcome) {
    const r = outcome.result;
    if (!r)
        return [];
    const own = r.failure ? nonEmpty(r.failure.output) : [];
    return (own.length ? [...own, `ERROR: ${r.failure?.message ?? ''}`] : nonEmpty(r.tail)).slice(-LOG_TAIL);
}
async function testGate(setup) {
    const { plan, model, outcomes, command } = setup;
    if (plan.testStage === undefined)
        return { test: { result: 'skipped', reason: plan.testSkipReason ?? 'no test stage' } };
    const index = plan.testStage;
    const stage = (0,dockerfile_graph/* stageLabel */.Hn)(model.graph.stages[index]);
    const outcome = outcomes.get(index);
    if (!outcome)
        return { test: { stage, result: 'skipped', reason: 'the test stage was not built' } };
    const unfinished = unfinishedTest(stage, setup, index);
    if (unfinished)
        return { test: unfinished };
    const built = builtTestVerdict(stage, plan, model, outcomes, index);
    if (built)
        return { test: built };
    if (!command)
        return { test: { stage, result: 'passed' } };
    const image = outcome.build.imageId;
    if (!image)
        return {
            test: {
                stage,
                result: 'failed',
                reason: 'the test image was built but its id is unknown, so its CMD/ENTRYPOINT could not be run',
                failedStep: { kind: 'run', command: command.command, line: command.line },
            },
        };
    return runTestImage(setup.docker, {
        stage,
        image,
        command,
        timeoutMs: setup.inputs['test-timeout'],
        signal: setup.signal,
        platform: setup.platform,
        log: setup.log,
    });
}
/**
 * No verdict when the engine failed the test stage (or a stage it needs), or the run was cancelled
 * before the tests ran: `error`, never `failed`.
 */
function unfinishedTest(stage, setup, index) {
    const { model, plan, outcomes } = setup;
    const needed = [index, ...((0,build_plan/* plannedDependencies */.eI)(model.graph, plan).get(index) ?? [])];
    const fault = needed.map((i) => outcomes.get(i)?.engineFault).find((f) => f !== undefined);
    if (fault)
        return { stage, result: 'error', reason: `the Docker engine failed: ${fault}` };
    if (setup.signal?.aborted && outcomes.get(index)?.build.status !== 'built')
        return { stage, result: 'error', reason: 'the run was cancelled before the test stage was built' };
    return undefined;
}
/** The verdict when the test stage failed to build (or a stage it needs did); undefined when it built. */
function builtTestVerdict(stage, plan, model, outcomes, index) {
    const outcome = outcomes.get(index);
    if (outcome.build.status === 'failed')
        return {
            stage,
            result: 'failed',
            failedStep: buildFailure(model, plan, index, outcome),
            logTail: failureLog(outcome),
        };
    if (outcome.build.status === 'skipped') {
        // The tests could not run because what they test did not build: that blocks the merge too.
        const dep = failedDependency(model, plan, outcomes, index);
        const depOutcome = dep === undefined ? undefined : outcomes.get(dep);
        return {
            stage,
            result: 'failed',
            reason: `the test stage did not build: ${outcome.build.reason ?? 'a stage it needs failed'}`,
            failedStep: dep !== undefined && depOutcome ? buildFailure(model, plan, dep, depOutcome) : undefined,
            logTail: depOutcome ? failureLog(depOutcome) : undefined,
        };
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/dockerfile/load.ts
var load = __webpack_require__(1768);
;// CONCATENATED MODULE: ./src/image/layers.ts
const layers_normalize = (s) => s
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The stage chain of `target`, root first, as steps the image history can be matched against. */
function targetChain(model, target) {
    const stages = model.graph.stages;
    const chain = [];
    for (let i = target; i !== undefined && !chain.includes(i); i = stages[i]?.parent) {
        chain.unshift(i);
    }
    const lines = model.text.split(/\r?\n/);
    const steps = [];
    for (const index of chain) {
        const stage = stages[index];
        const stageName = stage.name ?? String(stage.index);
        for (const inst of stage.steps) {
            // An ONBUILD is recorded as ONBUILD (its trigger runs in images built FROM this one).
            const keyword = inst.onbuild ? 'ONBUILD' : inst.keyword;
            if (keyword === 'FROM')
                continue;
            const line = inst.line;
            const text = (lines[line - 1] ?? keyword).trim();
            const step = { keyword, ref: { stage: stageName, line, text } };
            if (keyword === 'RUN') {
                const full = lines.slice(line - 1, inst.endLine).join('\n');
                step.command = layers_normalize(full.replace(/^\s*RUN\s+/i, '').replace(/^(--\S+\s+)+/, ''));
            }
            steps.push(step);
        }
    }
    const root = stages[chain[0]];
    return { baseImage: root?.base ?? 'scratch', steps };
}
/** The instruction keyword a history entry records, for BuildKit and the classic builder. */
function historyKeyword(createdBy) {
    let text = createdBy.trim();
    const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(text);
    if (nop)
        text = nop[1];
    else if (/^(\/bin\/sh|cmd \/S \/C|\|\d+ )/.test(text))
        return 'RUN'; // classic builder RUN
    const word = /^([A-Za-z]+)\b/.exec(text)?.[1]?.toUpperCase();
    return word && KEYWORDS.has(word) ? word : undefined;
}
const KEYWORDS = new Set([
    'ADD',
    'ARG',
    'CMD',
    'COPY',
    'ENTRYPOINT',
    'ENV',
    'EXPOSE',
    'HEALTHCHECK',
    'LABEL',
    'MAINTAINER',
    'ONBUILD',
    'RUN',
    'SHELL',
    'STOPSIGNAL',
    'USER',
    'VOLUME',
    'WORKDIR',
]);
/** Does this RUN history entry run this command? (BuildKit prefixes `|N ARG=v /bin/sh -c`.) */
function runMatches(createdBy, command) {
    if (!command)
        return false;
    const recorded = layers_normalize(createdBy.replace(/\s*# buildkit$/, ''));
    const probe = command.slice(0, 60);
    return probe.length > 0 && recorded.includes(probe);
}
/**
 * For every history entry, the chain step it came from (undefined: from the base image, or not
 * known). Aligns from the end; a RUN prefers the step whose command it records.
 */
function alignHistory(history, steps) {
    const matched = new Array(history.length).fill(undefined);
    let next = steps.length - 1;
    for (let h = history.length - 1; h >= 0 && next >= 0; h--) {
        const createdBy = history[h].created_by ?? '';
        const keyword = historyKeyword(createdBy);
        if (!keyword)
            continue;
        let found = -1;
        for (let s = next; s >= 0; s--) {
            if (steps[s].keyword !== keyword)
                continue;
            if (found === -1)
                found = s;
            if (keyword !== 'RUN' || runMatches(createdBy, steps[s].command)) {
                found = s;
                break;
            }
        }
        if (found === -1)
            continue;
        matched[h] = steps[found];
        next = found - 1;
    }
    return matched;
}
/** Each layer (in `rootfs.diff_ids` order) with its history entry and instruction or base image. */
function attributeLayers(config, chain) {
    const diffIds = config.rootfs?.diff_ids ?? [];
    const history = config.history ?? [];
    const matched = chain ? alignHistory(history, chain.steps) : [];
    const firstOwn = matched.findIndex((m) => m !== undefined);
    const withLayer = history
        .map((entry, index) => ({ entry, index }))
        .filter(({ entry }) => !entry.empty_layer);
    // Some images (squashed, hand-made) have fewer layered entries than layers: align from the end.
    const offset = diffIds.length - withLayer.length;
    return diffIds.map((diffId, i) => {
        const h = withLayer[i - offset];
        if (!h)
            return { diffId, createdBy: '', ...(chain ? { baseImage: chain.baseImage } : {}) };
        const createdBy = h.entry.created_by ?? '';
        const step = matched[h.index];
        if (step)
            return { diffId, createdBy, instruction: step.ref };
        if (chain && (firstOwn === -1 || h.index < firstOwn))
            return { diffId, createdBy, baseImage: chain.baseImage };
        return { diffId, createdBy };
    });
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/image/manifest.ts
const blobPath = (digest) => {
    const [alg, hex] = digest.split(':');
    return `blobs/${alg}/${hex}`;
};
function parse(archive, path) {
    const doc = archive.documents.get(path);
    if (!doc)
        return undefined;
    try {
        return JSON.parse(doc.toString('utf8'));
    }
    catch {
        return undefined;
    }
}
/** Follows an OCI index (possibly nested) to one image manifest: linux/amd64 or the first. */
function ociManifest(archive, doc, depth = 0) {
    if (!doc || depth > 4)
        return undefined;
    if (doc.config && doc.layers)
        return doc;
    const list = doc.manifests ?? [];
    const pick = list.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64') ??
        list.find((m) => !m.platform || m.platform.architecture !== 'unknown') ??
        list[0];
    if (!pick?.digest)
        return undefined;
    return ociManifest(archive, parse(archive, blobPath(pick.digest)), depth + 1);
}
const fromDockerEntry = (entry) => entry?.Config && entry.Layers ? { configPath: entry.Config, layerPaths: entry.Layers } : undefined;
const fromOci = (manifest) => manifest?.config?.digest && manifest.layers
    ? {
        configPath: blobPath(manifest.config.digest),
        layerPaths: manifest.layers.map((l) => blobPath(l.digest ?? '')),
    }
    : undefined;
/**
 * The entries of the image `imageId` in an archive of one or more images. The classic store's id is
 * its config's digest (manifest.json names that config: `<hex>.json`, or `blobs/sha256/<hex>` from
 * Docker 25); the containerd store's is its manifest's or index's, which index.json lists by digest.
 * An archive of one image needs no id.
 */
function namedEntries(archive, imageId) {
    const entries = parse(archive, 'manifest.json') ?? [];
    const index = parse(archive, 'index.json');
    const hex = imageId?.replace(/^sha256:/, '');
    if (hex !== undefined) {
        const byConfig = entries.find((e) => e.Config === `${hex}.json` || e.Config === `blobs/sha256/${hex}`);
        if (byConfig)
            return fromDockerEntry(byConfig);
        const listed = index?.manifests?.find((m) => m.digest === imageId);
        if (listed?.digest) {
            const doc = parse(archive, blobPath(listed.digest));
            return fromOci(ociManifest(archive, doc));
        }
        const images = Math.max(entries.length, index?.manifests?.length ?? 0);
        if (images > 1)
            return undefined;
    }
    return fromDockerEntry(entries[0]) ?? fromOci(ociManifest(archive, index));
}
/** The config and layers of `imageId` (needed when the archive holds several images). */
function resolveLayout(archive, imageId) {
    const resolveLink = (p) => archive.links.get(p) ?? p;
    const named = namedEntries(archive, imageId);
    if (!named) {
        throw new Error(imageId === undefined
            ? 'the archive has neither a manifest.json nor an OCI index.json naming the image'
            : `the archive's manifest.json and index.json do not name image ${imageId}`);
    }
    const { configPath, layerPaths } = named;
    const config = parse(archive, configPath);
    if (!config)
        throw new Error(`the archive has no readable image config ${configPath}`);
    return {
        layerPaths: layerPaths.map(resolveLink),
        configPath,
        config,
        configBytes: archive.documents.get(configPath)?.length ?? 0,
    };
}
/**
 * Bytes of the image manifest a `docker push` uploads (Docker schema 2, which Docker's distribution
 * code indents with three spaces). Digests are fixed-length, so placeholders give the exact size.
 */
function registryManifestBytes(configBytes, compressedLayerSizes) {
    const digest = `sha256:${'0'.repeat(64)}`;
    const manifest = {
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: configBytes, digest },
        layers: compressedLayerSizes.map((size) => ({
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
            size,
            digest,
        })),
    };
    return Buffer.byteLength(JSON.stringify(manifest, null, 3));
}

;// CONCATENATED MODULE: ./src/image/compressed-size.ts
/**
 * Counts the bytes of a layer tar gzip-compressed at level 6 (zlib's default, the level `gzip` and
 * `docker push` use), without keeping the compressed output or the layer in memory.
 *
 * Why this is exact enough to compare with `gzip -6`: a single deflate stream is serial, so to use
 * every core we cut the layer into 1 MiB blocks and compress them concurrently the way pigz does:
 * each block is deflated with the previous block's last 32 KiB as its preset dictionary (the whole
 * window deflate would have seen) and ends with a sync flush, so the blocks concatenate into one
 * valid deflate stream. Compared with one serial stream, this costs the sync-flush marker (about
 * 5 bytes per MiB) and a few matches cut at block edges: well under 0.01%. Compressing blocks
 * independently (no dictionary, a gzip member each) would not be equivalent: it loses every match
 * reaching back across an edge and grows with smaller blocks, which is why it is not done.
 *
 * Level 6: registries store what the pusher produced. `docker push` (and BuildKit's exporter)
 * compress with Go's gzip at its default level, which is modelled on zlib level 6; Go's encoder is
 * not byte-identical to zlib, so a registry's figure can differ by a fraction of a percent. Level 6
 * is also what users reproduce with `docker save | gzip`, the figure this one is checked against.
 *
 * The deflate work runs on libuv's thread pool (zlib's async API), so no worker script is needed
 * and the bundled action stays one file. `ConcurrencyLimit` bounds the blocks in flight, which
 * bounds memory (blocks x 1 MiB) and applies backpressure to the `docker save` stream.
 */



/** Bytes per concurrently compressed block. Larger: fewer flush markers; smaller: more parallelism. */
const BLOCK_BYTES = 1024 * 1024;
/** deflate's window: what a block may refer back to, so what it needs as dictionary. */
const WINDOW_BYTES = 32 * 1024;
/** gzip member header (10 bytes, no file name) and trailer (CRC-32 + length). */
const GZIP_FRAMING_BYTES = 10 + 8;
const GZIP_LEVEL = 6;
/**
 * A counting semaphore: at most `limit` blocks compress at once, across all layers. It also keeps
 * the block buffers for reuse: a fresh 1 MiB buffer per block would leave hundreds of MiB of
 * garbage outside V8's heap between collections (peak memory, not a leak), so blocks are recycled.
 */
class ConcurrencyLimit {
    limit;
    active = 0;
    waiting = [];
    spare = [];
    constructor(limit = Math.max(2, (0,external_node_os_.availableParallelism)() + 1)) {
        this.limit = limit;
    }
    takeBlock() {
        return this.spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    }
    returnBlock(block) {
        if (this.spare.length < this.limit + 4)
            this.spare.push(block);
    }
    async acquire() {
        if (this.active < this.limit) {
            this.active++;
            return;
        }
        await new Promise((resolve) => this.waiting.push(resolve));
    }
    release() {
        const next = this.waiting.shift();
        if (next)
            next();
        else
            this.active--;
    }
}
/** Deflates one block and counts the output as it streams out (nothing is concatenated or kept). */
function deflatedLength(block, dictionary, last) {
    return new Promise((resolve, reject) => {
        const deflate = (0,external_node_zlib_.createDeflateRaw)({
            level: GZIP_LEVEL,
            ...(dictionary ? { dictionary } : {}),
            finishFlush: last ? external_node_zlib_.constants.Z_FINISH : external_node_zlib_.constants.Z_SYNC_FLUSH,
        });
        let length = 0;
        deflate.on('data', (chunk) => {
            length += chunk.length;
        });
        deflate.once('error', reject);
        deflate.once('end', () => resolve(length));
        deflate.end(block);
    });
}
/** Feed a layer's bytes in order with `write`; `end` resolves to its gzip-compressed size. */
class GzipSizeCounter {
    limit;
    /** The block being filled (a recycled 1 MiB buffer) and how much of it is filled. */
    current;
    filled = 0;
    /** The latest full block, held back because the final block must be compressed with Z_FINISH. */
    held;
    dictionary;
    lengths = [];
    failure;
    constructor(limit) {
        this.limit = limit;
    }
    /** Resolves when the counter can take more (a slot for the next block is free). */
    async write(chunk) {
        let offset = 0;
        while (offset < chunk.length) {
            this.current ??= this.limit.takeBlock();
            const copied = chunk.copy(this.current, this.filled, offset, offset + BLOCK_BYTES - this.filled);
            offset += copied;
            this.filled += copied;
            if (this.filled === BLOCK_BYTES) {
                if (this.held)
                    await this.submit(this.held, BLOCK_BYTES, false);
                this.held = this.current;
                this.current = undefined;
                this.filled = 0;
            }
        }
    }
    async end() {
        // The tail may wait for a slot while the next layer streams in: keep only its bytes, not a 1 MiB buffer.
        const tailBytes = this.filled;
        const tail = this.current && tailBytes > 0 ? Buffer.from(this.current.subarray(0, tailBytes)) : undefined;
        if (this.current)
            this.limit.returnBlock(this.current);
        this.current = undefined;
        if (this.held && tail && tailBytes > 0) {
            await this.submit(this.held, BLOCK_BYTES, false);
            await this.submit(tail, tailBytes, true);
        }
        else if (this.held) {
            await this.submit(this.held, BLOCK_BYTES, true);
        }
        else
            await this.submit(tail ?? Buffer.alloc(0), tailBytes, true);
        this.held = undefined;
        const lengths = await Promise.all(this.lengths);
        if (this.failure)
            throw this.failure;
        return GZIP_FRAMING_BYTES + lengths.reduce((a, b) => a + b, 0);
    }
    async submit(buffer, bytes, last) {
        await this.limit.acquire();
        const block = buffer.subarray(0, bytes);
        const dictionary = this.dictionary;
        // Copy: the buffer goes back to the pool (and is refilled) before the next block starts.
        this.dictionary = Buffer.from(block.subarray(Math.max(0, bytes - WINDOW_BYTES)));
        const length = deflatedLength(block, dictionary, last).finally(() => {
            this.limit.release();
            if (buffer.length === BLOCK_BYTES)
                this.limit.returnBlock(buffer);
        });
        // Keep a rejection from going unhandled before `end` awaits it.
        length.catch((err) => {
            this.failure ??= err;
        });
        this.lengths.push(length.catch(() => 0));
    }
}
/** Gzip size of a whole buffer, the same way (for small blobs and tests). */
async function gzipSizeOf(data, limit = new ConcurrencyLimit()) {
    const counter = new GzipSizeCounter(limit);
    await counter.write(data);
    return counter.end();
}
/**
 * The image's compressed size as a registry stores it: each distinct layer blob once (a manifest may
 * list one twice), plus the config as stored and the manifest that names them all.
 */
function registryCompressedSize(layers, configBytes) {
    const unique = new Map(layers.map((l) => [l.diffId || l.path, l.compressedSize]));
    const blobs = [...unique.values()].reduce((a, b) => a + b, 0);
    return (blobs +
        configBytes +
        registryManifestBytes(configBytes, layers.map((l) => l.compressedSize)));
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
;// CONCATENATED MODULE: ./src/image/tar-entries.ts
const BLOCK = 512;
/** Longest long-name or pax header accepted (tar-stream's limit too). */
const LONG_HEADER_MAX = 1024 * 1024;
const ENTRY_TYPES = {
    0: 'file',
    1: 'link',
    2: 'symlink',
    3: 'character-device',
    4: 'block-device',
    5: 'directory',
    6: 'fifo',
    7: 'contiguous-file',
};
// typeflag bytes of the headers that describe the next entry
const PAX = 0x78; // 'x'
const PAX_GLOBAL = 0x67; // 'g'
const GNU_LONG_NAME = 0x4c; // 'L'
const GNU_LONG_NAME_OLD = 0x4e; // 'N'
const GNU_LONG_LINK = 0x4b; // 'K'
class TarEntryReader {
    onEntry;
    /** Bytes of a header block split across writes. */
    partial;
    /** Data bytes of the current entry still to come, then the padding to the block boundary. */
    dataLeft = 0;
    padLeft = 0;
    sink;
    /** A long-name or pax header's data, gathered until whole. */
    long;
    longName;
    longLink;
    pax;
    paxGlobal;
    /** `onEntry` returns a sink to receive the entry's bytes, or undefined to skip them. */
    constructor(onEntry) {
        this.onEntry = onEntry;
    }
    /** Throws on a malformed header; the reader is then unusable. */
    write(chunk) {
        let at = 0;
        if (this.partial) {
            const need = BLOCK - this.partial.length;
            if (chunk.length < need) {
                this.partial = Buffer.concat([this.partial, chunk]);
                return;
            }
            const block = Buffer.concat([this.partial, chunk.subarray(0, need)]);
            this.partial = undefined;
            at = need;
            this.header(block, 0);
        }
        const end = chunk.length;
        while (at < end) {
            if (this.dataLeft > 0) {
                const n = Math.min(this.dataLeft, end - at);
                if (this.long)
                    this.gather(chunk.subarray(at, at + n));
                else
                    this.sink?.write(chunk.subarray(at, at + n));
                this.dataLeft -= n;
                at += n;
                if (this.dataLeft === 0)
                    this.entryDone();
                continue;
            }
            if (this.padLeft > 0) {
                const n = Math.min(this.padLeft, end - at);
                this.padLeft -= n;
                at += n;
                continue;
            }
            if (end - at < BLOCK) {
                this.partial = Buffer.from(chunk.subarray(at));
                return;
            }
            this.header(chunk, at);
            at += BLOCK;
        }
    }
    /** Throws when the stream ended inside an entry or a header. */
    end() {
        if (this.partial || this.dataLeft > 0 || this.padLeft > 0 || this.long)
            throw new Error('Unexpected end of data');
    }
    header(b, at) {
        const sum = checksum(b, at);
        if (sum === 8 * 32)
            return; // an all-zero block
        if (sum !== octal(b, at + 148, 8))
            throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?');
        const flag = b[at + 156];
        const size = octal(b, at + 124, 12);
        if (!(size >= 0))
            throw new Error('Invalid header');
        if (formatOf(b, at) === undefined)
            throw new Error('Invalid tar header: unknown format.');
        const pad = (BLOCK - (size % BLOCK)) % BLOCK;
        if (flag === PAX ||
            flag === PAX_GLOBAL ||
            flag === GNU_LONG_NAME ||
            flag === GNU_LONG_NAME_OLD ||
            flag === GNU_LONG_LINK) {
            if (size > LONG_HEADER_MAX)
                throw new Error('Header exceeds max size');
            this.long = { flag, parts: [], got: 0, size };
            this.dataLeft = size;
            this.padLeft = pad;
            if (size === 0)
                this.entryDone();
            return;
        }
        let name = tar_entries_text(b, at, 100);
        if (formatOf(b, at) === 'ustar' && b[at + 345] !== 0)
            name = `${tar_entries_text(b, at + 345, 155)}/${name}`;
        const typeflag = flag === 0 ? 0 : flag - 0x30;
        let type = ENTRY_TYPES[typeflag] ?? 'other';
        // Old tars mark a directory by a trailing slash on a regular entry.
        if (typeflag === 0 && name.endsWith('/'))
            type = 'directory';
        const header = {
            name,
            type,
            size,
            mode: octal(b, at + 100, 8),
            linkname: b[at + 157] === 0 ? '' : tar_entries_text(b, at + 157, 100),
        };
        this.applyLongHeaders(header);
        if (!(header.size >= 0))
            throw new Error('Invalid header');
        // A directory's size says nothing about data that follows (tar-stream reads none either).
        const dataBytes = type === 'directory' ? 0 : header.size;
        this.sink = this.onEntry(header);
        this.dataLeft = dataBytes;
        this.padLeft = dataBytes === 0 ? 0 : (BLOCK - (dataBytes % BLOCK)) % BLOCK;
        if (dataBytes === 0)
            this.entryDone();
    }
    applyLongHeaders(header) {
        if (this.longName)
            header.name = this.longName;
        if (this.longLink)
            header.linkname = this.longLink;
        this.longName = this.longLink = undefined;
        const pax = this.pax;
        if (!pax)
            return;
        if (pax.path)
            header.name = pax.path;
        if (pax.linkpath)
            header.linkname = pax.linkpath;
        if (pax.size)
            header.size = parseInt(pax.size, 10);
        this.pax = undefined;
    }
    gather(chunk) {
        const long = this.long;
        long.parts.push(chunk);
        long.got += chunk.length;
    }
    entryDone() {
        const long = this.long;
        if (!long) {
            this.sink?.end();
            this.sink = undefined;
            return;
        }
        this.long = undefined;
        const data = Buffer.concat(long.parts, long.got);
        if (long.flag === GNU_LONG_NAME || long.flag === GNU_LONG_NAME_OLD)
            this.longName = tar_entries_text(data, 0, data.length);
        else if (long.flag === GNU_LONG_LINK)
            this.longLink = tar_entries_text(data, 0, data.length);
        else if (long.flag === PAX_GLOBAL)
            this.paxGlobal = decodePax(data);
        else
            this.pax = { ...this.paxGlobal, ...decodePax(data) };
    }
}
/** Sum of the header's bytes with its checksum field counted as spaces. */
function checksum(b, at) {
    let sum = 8 * 32;
    for (let i = at; i < at + 148; i++)
        sum += b[i];
    for (let i = at + 156; i < at + BLOCK; i++)
        sum += b[i];
    return sum;
}
/** `ustar\0` (POSIX), `ustar  \0` (GNU), or neither. */
function formatOf(b, at) {
    const m = at + 257;
    if (b[m] !== 0x75 || b[m + 1] !== 0x73 || b[m + 2] !== 0x74 || b[m + 3] !== 0x61 || b[m + 4] !== 0x72)
        return undefined;
    if (b[m + 5] === 0)
        return 'ustar';
    if (b[m + 5] === 0x20 && b[at + 263] === 0x20 && b[at + 264] === 0)
        return 'gnu';
    return undefined;
}
/** A numeric field: octal text (leading spaces and NULs allowed) or GNU base-256 (high bit set). */
function octal(b, at, length) {
    const first = b[at];
    if (first & 0x80) {
        if (first !== 0x80 && first !== 0xff)
            return NaN;
        const positive = first === 0x80;
        let value = 0;
        for (let i = at + 1; i < at + length; i++) {
            const byte = b[i];
            value = value * 256 + (positive ? byte : 0xff - byte);
        }
        return positive ? value : -value;
    }
    let i = at;
    const end = at + length;
    while (i < end && b[i] === 0x20)
        i++;
    while (i < end && b[i] === 0)
        i++;
    let value = 0;
    let digits = 0;
    for (; i < end; i++) {
        const c = b[i];
        if (c < 0x30 || c > 0x37)
            break;
        value = value * 8 + (c - 0x30);
        digits++;
    }
    if (digits > 0)
        return value;
    // Nothing but padding reads as 0; anything else is not a number.
    return i === end || b[i] === 0x20 || b[i] === 0 ? 0 : NaN;
}
/** A NUL-terminated UTF-8 field. */
function tar_entries_text(b, at, length) {
    let end = at;
    const limit = at + length;
    while (end < limit && b[end] !== 0)
        end++;
    return b.toString('utf8', at, end);
}
/** pax records: `<length> <key>=<value>\n`, one after another. */
function decodePax(data) {
    const pax = {};
    let at = 0;
    while (at < data.length) {
        let space = at;
        while (space < data.length && data[space] !== 0x20)
            space++;
        const length = parseInt(data.toString('utf8', at, space), 10);
        if (!length)
            return pax;
        const record = data.toString('utf8', space + 1, at + length - 1);
        const eq = record.indexOf('=');
        if (eq === -1)
            return pax;
        pax[record.slice(0, eq)] = record.slice(eq + 1);
        at += length;
    }
    return pax;
}

;// CONCATENATED MODULE: ./src/image/layer-files.ts
/**
 * Lists a layer tar's files as it streams past: path, size and kind, never the contents. This is all
 * the wasted-space analysis needs, so its memory grows with the number of files, not their bytes.
 *
 * One extension point: an optional content reader (packages/reader.ts) is offered each regular file
 * and may take its bytes as they pass (package databases and manifests); the layer's package facts
 * come back with the file list, from the same pass.
 */

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
/** `./usr/bin/` -> `/usr/bin` */
function normalizeLayerPath(name) {
    // Most names are already plain (`usr/bin/env`): no regex for those (this runs for every file).
    const first = name.charCodeAt(0);
    if (first !== 0x2e && first !== 0x2f && name.charCodeAt(name.length - 1) !== 0x2f)
        return '/' + name;
    const trimmed = name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    return '/' + trimmed;
}
function classifyEntry(header) {
    const path = normalizeLayerPath(header.name);
    if (path === '/')
        return undefined;
    if (!path.includes('/.wh.'))
        return plainEntry(path, header);
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash);
    const base = path.slice(slash + 1);
    if (base === OPAQUE)
        return { path: dir || '/', size: 0, kind: 'opaque' };
    if (base.startsWith(WHITEOUT))
        return { path: `${dir}/${base.slice(WHITEOUT.length)}`, size: 0, kind: 'whiteout' };
    return plainEntry(path, header);
}
/** An entry that is no whiteout: a directory, or a file of its size as the engine counts it. */
function plainEntry(path, header) {
    if (header.type === 'directory')
        return { path, size: 0, kind: 'dir' };
    const regular = header.type === 'file' || header.type === 'contiguous-file';
    const size = regular ? header.size : header.type === 'symlink' ? Buffer.byteLength(header.linkname) : 0;
    return { path, size, kind: 'file' };
}
/**
 * A writable sink for one layer tar: `write` chunks in order (awaiting it), then `end`. The tar's
 * headers are walked in place (tar-entries.ts); only files the content reader takes are read.
 */
class LayerFileScanner {
    keepEntries;
    contents;
    reader;
    entries = [];
    contentBytes = 0;
    failure;
    /**
     * `keepEntries` false: only count bytes (the file list is for the wasted-space analysis).
     * `contents`: offered every regular file; the bytes of those it takes are passed to it.
     */
    constructor(keepEntries = true, contents) {
        this.keepEntries = keepEntries;
        this.contents = contents;
        this.reader = new TarEntryReader((header) => {
            const entry = classifyEntry(header);
            if (!entry)
                return undefined;
            if (this.keepEntries)
                this.entries.push(entry);
            if (entry.kind === 'file')
                this.contentBytes += entry.size;
            const regular = header.type === 'file' || header.type === 'contiguous-file';
            return regular ? this.contents?.open(entry.path, entry.size, header.mode) : undefined;
        });
    }
    /** Async for its callers' sake (they await each sink in turn); the walk itself is synchronous. */
    async write(chunk) {
        if (this.failure)
            return;
        try {
            this.reader.write(chunk);
        }
        catch (err) {
            this.failure = err;
        }
    }
    async end() {
        if (!this.failure) {
            try {
                this.reader.end();
            }
            catch (err) {
                this.failure = err;
            }
        }
        if (this.failure)
            throw new Error(`layer tar could not be read: ${this.failure.message}`);
        const packages = this.contents?.finish();
        return { entries: this.entries, contentBytes: this.contentBytes, ...(packages ? { packages } : {}) };
    }
}

;// CONCATENATED MODULE: ./src/image/archive.ts
/**
 * Reads `docker save` output as it streams: one pass that measures every layer (gzip size, content
 * size, file list) and keeps the small JSON documents that say which entry is which. Two layouts:
 *
 * - Docker's legacy one (20.10 and older): `manifest.json`, `<config>.json`, `<id>/layer.tar`
 *   (a layer stored twice is a symlink to the first copy). Entries come in name order, not layer
 *   order, so each layer is measured on its own and ordered afterwards from `manifest.json`.
 * - OCI image layout (Docker 25+, containerd store): `index.json`, `oci-layout`, `blobs/sha256/<hex>`,
 *   often with a `manifest.json` too. A blob is a layer, a config or a manifest; which one is only
 *   known at the end, so JSON-looking small blobs are kept as documents and the rest measured as
 *   layers. A blob that is already gzip/zstd-compressed counts as stored (its own size).
 *
 * Nothing holds a layer: chunks go to the gzip counter and the file lister and are dropped.
 *
 * The read may end before the archive does (`enough`): once everything the caller needs has streamed
 * past, the rest (layers it would only skip, the documents naming entries) is not read at all.
 */








function roleOf(name) {
    if (/^blobs\/[^/]+\/[^/]+$/.test(name))
        return 'blob';
    if (/(^|\/)layer\.tar$/.test(name))
        return 'layer';
    if (!name.includes('/') && (name.endsWith('.json') || name === 'repositories' || name === 'oci-layout')) {
        return 'document';
    }
    return 'skip';
}
const cleanName = (name) => name.replace(/^\.\//, '');
function isGzip(b) {
    return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}
function isZstd(b) {
    return b.length >= 4 && b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd;
}
async function collect(entry) {
    const parts = [];
    for await (const chunk of entry)
        parts.push(chunk);
    return Buffer.concat(parts);
}
/** Feeds an already-gzipped layer through gunzip into the file lister, with backpressure both ways. */
async function listGzippedLayer(chunks, scanner) {
    const gunzip = (0,external_node_zlib_.createGunzip)();
    const consume = (async () => {
        for await (const out of gunzip)
            await scanner.write(out);
    })();
    try {
        for await (const chunk of chunks) {
            if (!gunzip.write(chunk))
                await (0,external_node_events_.once)(gunzip, 'drain');
        }
        gunzip.end();
    }
    catch (err) {
        gunzip.destroy(err);
    }
    await consume;
}
async function measureLayer(path, header, first, rest, options, limit) {
    const archiveBytes = header.size ?? 0;
    const mode = options.modeOf?.({ path, bytes: archiveBytes }) ?? 'measure';
    const head = first ?? Buffer.alloc(0);
    const stored = isGzip(head) || isZstd(head);
    const hash = options.digestLayers && mode !== 'skip' && !stored && roleOf(path) === 'layer'
        ? (0,external_node_crypto_.createHash)('sha256')
        : undefined;
    if (mode === 'skip') {
        for (let r = await rest.next(); !r.done; r = await rest.next())
            ;
        return { mode, result: async () => ({ path, archiveBytes, mode }) };
    }
    const entry = { path, archiveBytes, first, rest };
    const read = await readLayer(entry, { mode, stored, hash }, options, limit);
    const digest = hash ? `sha256:${hash.digest('hex')}` : undefined;
    return {
        mode,
        ...(digest ? { digest } : {}),
        result: async () => ({ ...(await read()), ...(digest ? { digest } : {}) }),
    };
}
/** Reads a layer entry that is not skipped; resolves once its bytes have streamed past. */
async function readLayer(entry, how, options, limit) {
    const { path, archiveBytes, first, rest } = entry;
    const { mode, hash } = how;
    async function* chunks() {
        if (first)
            yield first;
        for (let r = await rest.next(); !r.done; r = await rest.next())
            yield r.value;
    }
    if (how.stored) {
        const storedAs = first && isGzip(first) ? 'gzip' : 'zstd';
        let files;
        if (storedAs === 'gzip') {
            const scanner = new LayerFileScanner(options.listFiles, options.listFiles ? options.readContents?.() : undefined);
            try {
                await listGzippedLayer(chunks(), scanner);
                files = await scanner.end();
            }
            catch {
                // Not a gzipped tar after all: size only. Read past the rest of the entry.
                for (let r = await rest.next(); !r.done; r = await rest.next())
                    ;
            }
        }
        else
            for await (const _ of chunks())
                ; // zstd: Node 20 has no zstd; size only.
        return async () => ({ path, archiveBytes, compressedSize: archiveBytes, storedAs, files });
    }
    const counter = mode === 'measure' ? new GzipSizeCounter(limit) : undefined;
    const scanner = new LayerFileScanner(options.listFiles, options.listFiles ? options.readContents?.() : undefined);
    for await (const chunk of chunks()) {
        hash?.update(chunk);
        if (counter)
            await counter.write(chunk);
        await scanner.write(chunk);
    }
    if (!counter) {
        const files = await scanner.end().catch(() => undefined);
        return async () => ({ path, archiveBytes, mode: 'read', files });
    }
    // Compression of the last blocks finishes in the background while the next entry streams in.
    const compressed = counter.end();
    // A blob that is not a tar (one the manifest does not list as a layer) has no file list; not an error.
    const files = await scanner.end().catch(() => undefined);
    compressed.catch(() => undefined);
    return async () => ({ path, archiveBytes, compressedSize: await compressed, files });
}
/** Reads an entry that is not a layer: a link, a document, or something to pass over. True: handled. */
async function readOther(entry, name, role, into) {
    const header = entry.header;
    if (header.type === 'symlink' || header.type === 'link') {
        const target = header.type === 'symlink'
            ? external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(name), header.linkname ?? ''))
            : cleanName(header.linkname ?? '');
        into.links.set(name, target);
        entry.resume();
        return true;
    }
    if (header.type !== 'file' || role === 'skip') {
        entry.resume();
        return true;
    }
    if (role === 'document') {
        into.documents.set(name, await collect(entry));
        return true;
    }
    return false;
}
/**
 * Reads a `docker save` stream to its end, or until `enough` says so (the rest is then not read, and
 * `source` is destroyed). Rejects when the stream is not a readable image archive.
 */
async function readImageArchive(source, options) {
    const limit = options.limit ?? new ConcurrencyLimit();
    const tar = (0,tar_stream.extract)();
    const documents = new Map();
    const links = new Map();
    const pending = [];
    const progress = { documents, layers: new Map() };
    let settled = 0;
    let partial = false;
    // The parser may fail (or be stopped) while the feeder waits for it to drain: wait for either.
    const closed = new Promise((resolve) => tar.once('close', () => resolve()));
    const feed = (async () => {
        try {
            for await (const chunk of source) {
                if (tar.destroyed)
                    break;
                if (!tar.write(chunk))
                    await Promise.race([(0,external_node_events_.once)(tar, 'drain').catch(() => undefined), closed]);
            }
            if (!tar.destroyed)
                tar.end(undefined);
        }
        catch (err) {
            tar.destroy(err);
        }
    })();
    try {
        for await (const entry of tar) {
            const name = cleanName(entry.header.name);
            const role = roleOf(name);
            if (!(await readOther(entry, name, role, { documents, links }))) {
                const iterator = entry[Symbol.asyncIterator]();
                const firstRead = await iterator.next();
                const first = firstRead.done ? undefined : firstRead.value;
                const small = (entry.header.size ?? 0) <= ARCHIVE_DOCUMENT_MAX_BYTES;
                if (role === 'blob' && small && first && /^\s*\{/.test(first.subarray(0, 64).toString('latin1'))) {
                    const parts = [first];
                    for (let r = await iterator.next(); !r.done; r = await iterator.next())
                        parts.push(r.value);
                    documents.set(name, Buffer.concat(parts));
                }
                else {
                    const streamed = await measureLayer(name, entry.header, first, iterator, options, limit);
                    progress.layers.set(name, { mode: streamed.mode, digest: streamed.digest });
                    pending.push(streamed.result);
                    // Layers finish compressing behind the reader; do not let it run far ahead (memory).
                    if (pending.length - settled >= limit.limit * 2)
                        await pending[settled++]();
                }
            }
            if (options.enough?.(progress)) {
                partial = true;
                break;
            }
        }
        if (partial) {
            // Nothing after this point is needed: stop the parser, the feeder and `docker save`.
            tar.destroy();
            source.destroy();
        }
    }
    catch (err) {
        // Stop the feeder too (it may be waiting for the parser to drain), and `docker save` with it.
        tar.destroy(err);
        source.destroy();
        throw err;
    }
    finally {
        await feed;
    }
    const layers = new Map();
    for (const layer of await Promise.all(pending.map((p) => p())))
        layers.set(layer.path, layer);
    return { layers, documents, links, ...(partial ? { partial } : {}) };
}

;// CONCATENATED MODULE: ./src/image/partial-read.ts
const STRENGTH = { skip: 0, read: 1, measure: 2 };
const hexOf = (digest) => digest.replace(/^sha256:/, '');
/** The config document named by the image id, when it names exactly these layers. */
function configFromArchive(archive, imageId, diffIds) {
    const hex = hexOf(imageId);
    for (const configPath of [`${hex}.json`, `blobs/sha256/${hex}`]) {
        const doc = archive.documents.get(configPath);
        if (!doc)
            continue;
        let config;
        try {
            config = JSON.parse(doc.toString('utf8'));
        }
        catch {
            continue;
        }
        const named = config.rootfs?.diff_ids;
        if (named?.length === diffIds.length && named.every((d, i) => d === diffIds[i]))
            return { config, configPath, configBytes: doc.length };
    }
    return undefined;
}
/** The entry that was read as this layer (by its bytes' digest or its blob name), if any. */
function readEntryOf(archive, diffId, atLeast = 'read') {
    const blob = `blobs/sha256/${hexOf(diffId)}`;
    for (const [path, layer] of archive.layers) {
        const mode = layer.mode ?? 'measure';
        if (STRENGTH[mode] < STRENGTH[atLeast] || mode === 'skip')
            continue;
        if (layer.digest === diffId || path === blob)
            return path;
    }
    return undefined;
}
/**
 * The `enough` test for a read of this image: the config is in, and every layer not to be skipped was
 * read at least as fully as it must be. Undefined when no layer is to be skipped: then nothing is
 * left to save once the last layer has been read.
 */
function stopOnceRead(imageId, k, modeOf) {
    const needed = k.diffIds.filter((d) => modeOf(d) !== 'skip');
    if (needed.length === k.diffIds.length)
        return undefined;
    let config = false;
    return (progress) => {
        config ||= configFromArchive(progress, imageId, k.diffIds) !== undefined;
        return config && needed.every((d) => readEntryOf(progress, d, modeOf(d)) !== undefined);
    };
}

;// CONCATENATED MODULE: ./src/image/live-files.ts
/**
 * The files alive at some layer of an image, by path, with a directory index so that deleting a
 * directory (a whiteout of it, or an opaque marker) visits only what lies under it. Without the index
 * every such deletion scanned every live path: a `chown -R` layer carries an opaque marker per
 * directory it touched (hundreds), each of which then cost a pass over tens of thousands of files.
 * Shared by the wasted-space analysis (waste.ts) and the final filesystem (final-files.ts). Pure.
 */
/** A path's parent directory: `/a/b` -> `/a`, `/a` -> `/`. */
const parentOf = (path) => path.slice(0, path.lastIndexOf('/')) || '/';
class LiveFiles {
    /** The live files in the order they were first written (a Map keeps it through later writes). */
    byPath = new Map();
    /** Directory -> the live files directly in it. */
    files = new Map();
    /** Directory -> its subdirectories that hold (or held) live files. */
    subdirs = new Map();
    get(path) {
        return this.byPath.get(path);
    }
    set(path, value) {
        if (!this.byPath.has(path))
            this.index(path);
        this.byPath.set(path, value);
    }
    delete(path) {
        if (this.byPath.delete(path))
            this.files.get(parentOf(path))?.delete(path);
    }
    /**
     * Deletes every live file under `dir` (not `dir` itself) that a layer below `layer` wrote, telling
     * `onDelete` of each.
     */
    deleteUnder(dir, layer, onDelete) {
        const files = this.files.get(dir);
        if (files) {
            for (const path of files) {
                const value = this.byPath.get(path);
                if (value.layer >= layer)
                    continue;
                files.delete(path);
                this.byPath.delete(path);
                onDelete?.(path, value);
            }
        }
        for (const sub of this.subdirs.get(dir) ?? [])
            this.deleteUnder(sub, layer, onDelete);
    }
    index(path) {
        const parent = parentOf(path);
        let files = this.files.get(parent);
        if (!files)
            this.files.set(parent, (files = new Set()));
        files.add(path);
        for (let dir = parent; dir !== '/';) {
            const up = parentOf(dir);
            let subs = this.subdirs.get(up);
            if (!subs)
                this.subdirs.set(up, (subs = new Set()));
            if (subs.has(dir))
                break;
            subs.add(dir);
            dir = up;
        }
    }
}

;// CONCATENATED MODULE: ./src/image/final-files.ts

function finalFiles(layers, events) {
    const live = new LiveFiles();
    const deleteUnder = (dir, index) => {
        const by = `${dir}/`;
        live.deleteUnder(dir, index, events && ((path, copy) => events.deleted(path, copy, index, by)));
    };
    layers.forEach((entries, index) => {
        // Deletions apply to lower layers only, whatever their order in this layer's tar.
        for (const entry of entries) {
            if (entry.kind === 'whiteout') {
                const file = live.get(entry.path);
                if (file && file.layer < index) {
                    live.delete(entry.path);
                    events?.deleted(entry.path, file, index, entry.path);
                }
                else
                    deleteUnder(entry.path, index);
            }
            else if (entry.kind === 'opaque')
                deleteUnder(entry.path, index);
        }
        for (const entry of entries) {
            if (entry.kind !== 'file')
                continue;
            events?.written(entry.path, entry.size, index, live.get(entry.path));
            live.set(entry.path, { size: entry.size, layer: index });
        }
    });
    return live.byPath;
}

;// CONCATENATED MODULE: ./src/image/waste.ts



/** The report from the per-path tallies: totals, dive's efficiency, and the largest offenders. */
function summarize(stats, offenders, wastedBytes, maxOffenders) {
    let smallest = 0;
    let cumulative = 0;
    let diveWastedBytes = 0;
    for (const s of stats.values()) {
        smallest += s.smallest;
        cumulative += s.cumulative;
        if (s.copies > 1)
            diveWastedBytes += s.cumulative;
    }
    const list = [...offenders]
        .filter(([, o]) => o.wastedBytes > 0)
        .sort((a, b) => b[1].wastedBytes - a[1].wastedBytes || (a[0] < b[0] ? -1 : 1))
        .slice(0, maxOffenders)
        .map(([path, o]) => ({
        path,
        wastedBytes: o.wastedBytes,
        layers: [...o.layers].sort((a, b) => a - b),
        // A file: every copy across layers (the survivor too); a deleted directory: the files it held.
        count: path.endsWith('/') ? o.count : (stats.get(path)?.copies ?? o.count),
    }));
    return {
        wastedBytes,
        efficiency: cumulative === 0 ? 1 : smallest / cumulative,
        diveWastedBytes,
        offenders: list,
    };
}
function computeWaste(layers, maxOffenders = WASTE_OFFENDERS) {
    return wasteAndFinalFiles(layers, maxOffenders).waste;
}
/** The wasted space and the final filesystem (what imageContents reads) from one replay of the layers. */
function wasteAndFinalFiles(layers, maxOffenders = limits_WASTE_OFFENDERS) {
    const { stats, offenders, wastedBytes, files } = tally(layers);
    return { waste: summarize(stats, offenders, wastedBytes, maxOffenders), files };
}
/**
 * Every path written more than once, as dive lists them in `image.fileReference`: what
 * `diveWastedBytes` sums. The benchmarks compare it with dive's list path by path.
 */
function repeatedPaths(layers) {
    const out = [];
    for (const [path, s] of tally(layers).stats)
        if (s.copies > 1)
            out.push({ path, copies: s.copies, cumulativeBytes: s.cumulative });
    return out;
}
/** The per-path copies and the waste, tallied along the replay that yields the final filesystem. */
function tally(layers) {
    const stats = new Map();
    const offenders = new Map();
    let wastedBytes = 0;
    const recordCopy = (path, size) => {
        const s = stats.get(path);
        if (!s)
            stats.set(path, { cumulative: size, smallest: size, copies: 1 });
        else {
            s.cumulative += size;
            s.smallest = Math.min(s.smallest, size);
            s.copies++;
        }
    };
    const recordWaste = (key, bytes, writtenIn, replacedIn) => {
        wastedBytes += bytes;
        let o = offenders.get(key);
        if (!o)
            offenders.set(key, (o = { wastedBytes: 0, layers: new Set(), count: 0 }));
        o.wastedBytes += bytes;
        o.layers.add(writtenIn).add(replacedIn);
        o.count++;
    };
    const files = finalFiles(layers.map((l) => l.entries), {
        deleted(path, copy, index, by) {
            recordCopy(path, 0);
            recordWaste(by, copy.size, copy.layer, index);
        },
        written(path, size, index, previous) {
            if (previous && previous.layer < index)
                recordWaste(path, previous.size, previous.layer, index);
            recordCopy(path, size);
        },
    });
    return { stats, offenders, wastedBytes, files };
}

;// CONCATENATED MODULE: ./src/image/largest-files.ts
/**
 * The largest files of an image's final filesystem, and between two images the files added or grown
 * most. Pure. Each image keeps its LARGEST_FILES_KEPT largest files (and the size below which it
 * stopped), so a file in the head's list that is not in the base's was either not in the base or
 * smaller than the base's smallest listed file: the report says which it knows.
 */

/** Larger first; among equal sizes, by path (paths are unique, so the order is total). */
const beforeInList = (a, b) => a.size > b.size || (a.size === b.size && a.path < b.path);
/**
 * The `keep` largest files, in that order. A bounded sorted list rather than sorting every file: a
 * file is placed only when it beats the smallest kept one, which few of tens of thousands do.
 */
function largestFiles(files, keep = LARGEST_FILES_KEPT) {
    const kept = [];
    let nonEmpty = 0;
    for (const [path, f] of files) {
        if (f.size <= 0)
            continue;
        nonEmpty++;
        const file = { path, size: f.size, layer: f.layer };
        const last = kept[kept.length - 1];
        if (kept.length >= keep && (keep === 0 || !last || !beforeInList(file, last)))
            continue;
        let lo = 0;
        let hi = kept.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (beforeInList(kept[mid], file))
                lo = mid + 1;
            else
                hi = mid;
        }
        kept.splice(lo, 0, file);
        if (kept.length > keep)
            kept.pop();
    }
    // Files of the smallest kept size may be cut off too; only larger ones are certainly all here.
    const largestFilesFrom = nonEmpty > keep && kept.length > 0 ? kept[kept.length - 1].size : 0;
    return { largestFiles: kept, largestFilesFrom };
}
function origin(layers, index) {
    const l = layers[index];
    return {
        layer: index,
        ...(l?.instruction ? { instruction: l.instruction } : {}),
        ...(l?.baseImage ? { baseImage: l.baseImage } : {}),
    };
}
/** Files the head added or grew, the most bytes first. */
function diffLargestFiles(base, head, limit = LARGEST_FILE_CHANGES) {
    if (!base.contents || !head.contents)
        return undefined;
    const before = new Map(base.contents.largestFiles.map((f) => [f.path, f.size]));
    const below = base.contents.largestFilesFrom;
    const changes = [];
    for (const f of head.contents.largestFiles) {
        const baseSize = before.get(f.path);
        if (baseSize !== undefined && f.size <= baseSize)
            continue;
        // Not listed in a cut-off base list: it was absent there, or at most `below` bytes.
        if (baseSize === undefined && below > 0 && f.size <= below)
            continue;
        changes.push({
            path: f.path,
            change: baseSize === undefined ? 'added' : 'grew',
            ...(baseSize !== undefined ? { baseSize } : below > 0 ? { baseBelow: below } : {}),
            headSize: f.size,
            delta: f.size - (baseSize ?? 0),
            ...origin(head.layers, f.layer),
        });
    }
    return changes.sort((a, b) => b.delta - a.delta || (a.path < b.path ? -1 : 1)).slice(0, limit);
}

;// CONCATENATED MODULE: ./src/image/packages/node.ts
const MANIFEST = /\/node_modules\/((?:@[^/]+\/)?[^/@.][^/]*)\/package\.json$/;
function isNodeManifest(path) {
    return MANIFEST.test(path);
}
/** The package a manifest describes; undefined when it is not one (no name or version, bad JSON). */
function parseNodeManifest(path, text) {
    const dir = path.slice(0, -'/package.json'.length);
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof json !== 'object' || json === null)
        return undefined;
    const { name, version } = json;
    const folderName = MANIFEST.exec(path)?.[1];
    const pkgName = typeof name === 'string' && name ? name : folderName;
    if (!pkgName || typeof version !== 'string' || !version)
        return undefined;
    return { ecosystem: 'npm', name: pkgName, version, dir };
}
/**
 * The package folder a file belongs to: the innermost `node_modules/<name>` (or `@scope/<name>`)
 * above it, or undefined for files outside any package.
 */
function nodePackageDirOf(path) {
    const at = path.lastIndexOf('/node_modules/');
    if (at === -1)
        return undefined;
    const rest = path.slice(at + '/node_modules/'.length).split('/');
    const depth = rest[0]?.startsWith('@') ? 2 : 1;
    if (rest.length <= depth)
        return undefined; // the folder itself, or a scope folder
    return `${path.slice(0, at)}/node_modules/${rest.slice(0, depth).join('/')}`;
}

;// CONCATENATED MODULE: ./src/image/packages/inventory.ts

const identity = (p) => `${p.ecosystem}\u0000${p.name}\u0000${p.version}`;
function databasePackages(layers, files) {
    const out = [];
    const paths = new Set(layers.flatMap((l) => l?.databases.map((d) => d.path) ?? []));
    for (const path of paths) {
        const survivor = files.get(path);
        if (!survivor)
            continue;
        let origins = new Map();
        let last = [];
        for (let index = 0; index <= survivor.layer; index++) {
            const db = layers[index]?.databases.find((d) => d.path === path);
            if (!db)
                continue;
            const next = new Map();
            for (const p of db.packages)
                next.set(identity(p), origins.get(identity(p)) ?? index);
            origins = next;
            last = db.packages;
        }
        for (const p of last) {
            const { dir: _dir, ...fact } = p;
            out.push({ ...fact, layer: origins.get(identity(p)) ?? survivor.layer, path });
        }
    }
    return out;
}
/** Bytes under each npm package folder (its own files, not nested packages'). */
function nodeDirBytes(files) {
    const bytes = new Map();
    for (const [path, file] of files) {
        const dir = nodePackageDirOf(path);
        if (dir !== undefined)
            bytes.set(dir, (bytes.get(dir) ?? 0) + file.size);
    }
    return bytes;
}
function manifestPackages(layers, files) {
    const out = [];
    let dirBytes;
    layers.forEach((facts, index) => {
        for (const record of facts?.manifests ?? []) {
            if (files.get(record.path)?.layer !== index)
                continue; // replaced or deleted higher up
            for (const p of record.packages) {
                const { dir, ...fact } = p;
                if (dir !== undefined)
                    fact.size = (dirBytes ??= nodeDirBytes(files)).get(dir) ?? 0;
                out.push({ ...fact, layer: index, path: record.path });
            }
        }
    });
    return out;
}
/** Every package in the image, OS packages first, each sorted by name. */
function inventoryPackages(layers, files) {
    const all = [...databasePackages(layers, files), ...manifestPackages(layers, files)];
    return all.sort((a, b) => ECOSYSTEM_ORDER.indexOf(a.ecosystem) - ECOSYSTEM_ORDER.indexOf(b.ecosystem) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
const ECOSYSTEM_ORDER = ['deb', 'apk', 'rpm', 'npm', 'python', 'go', 'maven'];

;// CONCATENATED MODULE: ./src/image/contents.ts



/** `files`: the final filesystem when the caller replayed the layers already (waste.ts does). */
function imageContents(layers, files = finalFiles(layers.map((l) => l.entries))) {
    const facts = layers.map((l) => l.packages);
    return {
        packages: inventoryPackages(facts, files),
        ...largestFiles(files),
        notes: [...new Set(facts.flatMap((f) => f?.notes ?? []))],
    };
}

;// CONCATENATED MODULE: ./src/image/packages/apk.ts
const APK_INSTALLED = '/lib/apk/db/installed';
function parseApkInstalled(text) {
    const out = [];
    for (const block of text.split(/\r?\n\r?\n/)) {
        const fields = new Map();
        for (const line of block.split(/\r?\n/)) {
            const m = /^([A-Za-z]):(.*)$/.exec(line);
            if (m && !fields.has(m[1]))
                fields.set(m[1], m[2]);
        }
        const name = fields.get('P');
        const version = fields.get('V');
        if (!name || !version)
            continue;
        const size = Number(fields.get('I'));
        out.push({
            ecosystem: 'apk',
            name,
            version,
            ...(fields.has('I') && Number.isFinite(size) && size >= 0 ? { size } : {}),
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/image/packages/control.ts
/**
 * RFC 822-style stanzas as dpkg (status, status.d) and Python (METADATA, PKG-INFO) write them:
 * `Field: value` lines, continuation lines starting with a space or tab, stanzas separated by a
 * blank line. Pure.
 */
/** Each stanza's fields, by lower-cased name (first occurrence; continuation lines appended). */
function parseStanzas(text, firstOnly = false) {
    const stanzas = [];
    let current = new Map();
    let last;
    for (const line of text.split(/\r?\n/)) {
        if (line.trim() === '') {
            if (current.size)
                stanzas.push(current);
            if (firstOnly && stanzas.length)
                return stanzas;
            current = new Map();
            last = undefined;
            continue;
        }
        if (/^[ \t]/.test(line)) {
            if (last !== undefined)
                current.set(last, `${current.get(last) ?? ''}\n${line.trim()}`);
            continue;
        }
        const colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const key = line.slice(0, colon).trim().toLowerCase();
        if (!current.has(key))
            current.set(key, line.slice(colon + 1).trim());
        last = key;
    }
    if (current.size)
        stanzas.push(current);
    return stanzas;
}

;// CONCATENATED MODULE: ./src/image/packages/dpkg.ts
/**
 * Debian packages: `/var/lib/dpkg/status` (every package dpkg knows, with its state) and distroless
 * images' `/var/lib/dpkg/status.d/<package>` (one stanza per file, no dpkg). Only packages whose
 * state is `installed` count; `Installed-Size` is in KiB (what `dpkg-query -W -f='${Installed-Size}'`
 * prints). Pure.
 */

const DPKG_STATUS = '/var/lib/dpkg/status';
/** A distroless status.d entry (not its `.md5sums` companions). */
function isDpkgStatusD(path) {
    return /^\/var\/lib\/dpkg\/status\.d\/[^/]+$/.test(path) && !path.endsWith('.md5sums');
}
function parseDpkgStatus(text) {
    const out = [];
    for (const s of parseStanzas(text)) {
        const name = s.get('package');
        const version = s.get('version');
        const status = s.get('status');
        // status.d entries carry no Status field: they are installed by construction.
        if (!name || !version || (status !== undefined && !/\binstalled$/.test(status)))
            continue;
        const arch = s.get('architecture');
        const kib = Number(s.get('installed-size'));
        out.push({
            ecosystem: 'deb',
            // Multi-arch packages are told apart by architecture, as dpkg-query prints them.
            name: s.get('multi-arch') === 'same' && arch ? `${name}:${arch}` : name,
            version,
            ...(Number.isFinite(kib) && kib >= 0 && s.has('installed-size') ? { size: kib * 1024 } : {}),
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/image/packages/go-buildinfo.ts
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_BYTES = 32;
/** Module info of big programs runs to a few tens of KiB; more than this is not build info. */
const BUILDINFO_MAX_BYTES = 512 * 1024;
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
/** Streams one file: `write` its chunks in order, then `result`. */
class GoBuildInfoFinder {
    carry = Buffer.alloc(0);
    kept = [];
    keptBytes = 0;
    found = false;
    checkedElf = false;
    notElf = false;
    write(chunk) {
        if (this.notElf || (this.found && this.keptBytes >= BUILDINFO_MAX_BYTES))
            return;
        if (!this.checkedElf) {
            this.checkedElf = true;
            if (chunk.length < 4 || !chunk.subarray(0, 4).equals(ELF)) {
                this.notElf = true;
                return;
            }
        }
        if (this.found) {
            this.keep(chunk);
            return;
        }
        // Search the chunk itself (no copy); only the few bytes around the seam are joined.
        let from = chunk.indexOf(MAGIC);
        let source = chunk;
        if (from === -1 && this.carry.length) {
            const seam = Buffer.concat([this.carry, chunk.subarray(0, MAGIC.length - 1)]);
            const at = seam.indexOf(MAGIC);
            if (at !== -1) {
                source = Buffer.concat([this.carry.subarray(at), chunk]);
                from = 0;
            }
        }
        if (from === -1) {
            const tail = Buffer.concat([
                this.carry,
                chunk.subarray(Math.max(0, chunk.length - (MAGIC.length - 1))),
            ]);
            this.carry = Buffer.from(tail.subarray(Math.max(0, tail.length - (MAGIC.length - 1))));
            return;
        }
        this.found = true;
        this.carry = Buffer.alloc(0);
        this.keep(source.subarray(from));
    }
    keep(bytes) {
        const room = BUILDINFO_MAX_BYTES - this.keptBytes;
        const part = Buffer.from(bytes.subarray(0, room));
        this.kept.push(part);
        this.keptBytes += part.length;
    }
    /** undefined: not a Go binary. `old`: a Go binary from before 1.18, whose info is not inline. */
    result() {
        if (!this.found)
            return undefined;
        return parseBuildInfo(Buffer.concat(this.kept));
    }
}
function uvarint(buf, at) {
    let value = 0;
    let shift = 0;
    for (let i = at; i < buf.length && i < at + 10; i++) {
        value += (buf[i] & 0x7f) * 2 ** shift;
        if ((buf[i] & 0x80) === 0)
            return { value, next: i + 1 };
        shift += 7;
    }
    return undefined;
}
/** Parses the bytes from the magic on. */
function parseBuildInfo(buf) {
    if (buf.length < HEADER_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC))
        return undefined;
    if ((buf[15] & 0x2) === 0)
        return 'old';
    const vlen = uvarint(buf, HEADER_BYTES);
    if (!vlen || vlen.next + vlen.value > buf.length)
        return undefined;
    const goVersion = buf.toString('utf8', vlen.next, vlen.next + vlen.value);
    const mlen = uvarint(buf, vlen.next + vlen.value);
    if (!mlen || mlen.next + mlen.value > buf.length)
        return undefined;
    let info = buf.toString('latin1', mlen.next, mlen.next + mlen.value);
    // Strip the 16-byte sentinels around the text.
    if (info.length >= 32)
        info = info.slice(16, -16);
    info = Buffer.from(info, 'latin1').toString('utf8');
    return { goVersion, ...parseModInfo(info) };
}
/** `go version -m`'s lines: `mod`, `dep` and `=>` (a replacement of the line above). */
function parseModInfo(text) {
    let main;
    const deps = [];
    for (const line of text.split('\n')) {
        const [kind, path, version] = line.split('\t');
        if (kind === 'mod' && path)
            main = { path, version: version || '(devel)' };
        else if (kind === 'dep' && path)
            deps.push({ path, version: version ?? '' });
        else if (kind === '=>' && path && deps.length)
            deps[deps.length - 1] = { path, version: version ?? '' };
    }
    return { main, deps };
}
/** The binary's packages: its main module (with the binary's size) and every dependency module. */
function goPackages(info, binaryBytes) {
    const out = [];
    if (info.main) {
        out.push({ ecosystem: 'go', name: info.main.path, version: info.main.version, size: binaryBytes });
    }
    for (const d of info.deps)
        out.push({ ecosystem: 'go', name: d.path, version: d.version });
    return out;
}

// EXTERNAL MODULE: ./node_modules/fflate/esm/index.mjs
var esm = __webpack_require__(1306);
;// CONCATENATED MODULE: ./src/image/packages/jar.ts
/**
 * Java archives: a jar's `META-INF/maven/<group>/<artifact>/pom.properties` (what Maven and Gradle
 * write) names it `group:artifact` at a version; without one, `META-INF/MANIFEST.MF`'s
 * Implementation-Title/-Version or Bundle-SymbolicName/-Version do. A jar is read from its bytes
 * (fflate reads the zip's central directory and inflates only those entries). Jars nested in a jar
 * (Spring Boot's BOOT-INF/lib) are not opened. Pure.
 */

/** Bigger jars are not read (their bytes would be held while the layer streams). */
const JAR_MAX_BYTES = 64 * 1024 * 1024;
function isJar(path) {
    return /\.(jar|war|ear)$/.test(path);
}
function properties(text) {
    const out = new Map();
    for (const line of text.split(/\r?\n/)) {
        const m = /^\s*([^#!=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
        if (m)
            out.set(m[1], m[2].trim());
    }
    return out;
}
/** MANIFEST.MF's main section; continuation lines start with one space. */
function manifest(text) {
    const out = new Map();
    const joined = text.replace(/\r?\n /g, '');
    for (const line of joined.split(/\r?\n/)) {
        if (line === '')
            break;
        const colon = line.indexOf(':');
        if (colon > 0)
            out.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    return out;
}
/** The jar's packages (usually one); a jar that is not a zip, or names none, has none. */
function parseJar(bytes, jarBytes) {
    let files;
    try {
        files = (0,esm/* unzipSync */.AO)(bytes, {
            filter: (f) => f.name === 'META-INF/MANIFEST.MF' || /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/.test(f.name),
        });
    }
    catch {
        return [];
    }
    const text = (name) => Buffer.from(files[name]).toString('utf8');
    const poms = Object.keys(files)
        .filter((n) => n.endsWith('pom.properties'))
        .sort();
    const out = [];
    for (const pom of poms) {
        const p = properties(text(pom));
        const group = p.get('groupId');
        const artifact = p.get('artifactId');
        const version = p.get('version');
        if (group && artifact && version)
            out.push({ ecosystem: 'maven', name: `${group}:${artifact}`, version });
    }
    if (out.length === 0 && files['META-INF/MANIFEST.MF']) {
        const m = manifest(text('META-INF/MANIFEST.MF'));
        const name = m.get('Implementation-Title') ?? m.get('Bundle-SymbolicName')?.split(';')[0];
        const version = m.get('Implementation-Version') ?? m.get('Bundle-Version');
        if (name && version)
            out.push({ ecosystem: 'maven', name, version });
    }
    // The jar's own bytes are the first package's size (a shaded jar bundles the others).
    if (out[0])
        out[0].size = jarBytes;
    return out;
}

;// CONCATENATED MODULE: ./src/image/packages/python.ts
/**
 * Python distributions: `<name>-<version>.dist-info/METADATA` (wheels, pip), with `RECORD` listing
 * every installed file and its size; `*.egg-info/PKG-INFO` (or an `.egg-info` file) for eggs and
 * setup.py installs, which record no sizes. Pure.
 */

function pythonRecordKind(path) {
    if (/\.dist-info\/METADATA$/.test(path))
        return 'metadata';
    if (/\.dist-info\/RECORD$/.test(path))
        return 'record';
    if (/\.egg-info\/PKG-INFO$/.test(path) || /\/[^/]+\.egg-info$/.test(path))
        return 'pkg-info';
    return undefined;
}
/** The dist-info or egg-info folder a record belongs to (for an `.egg-info` file, itself). */
function pythonDistDir(path) {
    return /\.egg-info$/.test(path) ? path : path.slice(0, path.lastIndexOf('/'));
}
/** Name and version from METADATA or PKG-INFO (the headers before the description). */
function parsePythonMetadata(text) {
    const [headers] = parseStanzas(text, true);
    const name = headers?.get('name');
    const version = headers?.get('version');
    if (!name || !version)
        return undefined;
    return { ecosystem: 'python', name, version };
}
/** Bytes of the files a RECORD lists (`path,hash,size` lines; the RECORD itself has no size). */
function recordBytes(text) {
    let total = 0;
    for (const line of text.split(/\r?\n/)) {
        const size = Number(/,(\d+)\s*$/.exec(line)?.[1]);
        if (Number.isFinite(size))
            total += size;
    }
    return total;
}

;// CONCATENATED MODULE: ./src/image/packages/sqlite.ts
/**
 * Just enough of SQLite's file format (https://www.sqlite.org/fileformat2.html) to read every row of
 * one table from a database held in memory: the schema table on page 1 gives the table's root page;
 * its table b-tree is walked (interior pages 0x05, leaf pages 0x0d), payloads that spill are followed
 * through their overflow pages, and each record's columns decoded. No indexes, no WAL (a database
 * copied from an image is read as its main file holds it). Pure; throws on a file it cannot read.
 */
function varint(buf, at) {
    let value = 0;
    for (let i = 0; i < 8; i++) {
        const b = buf[at + i];
        if (b === undefined)
            throw new Error('truncated varint');
        value = value * 128 + (b & 0x7f);
        if ((b & 0x80) === 0)
            return { value, next: at + i + 1 };
    }
    return { value: value * 256 + buf[at + 8], next: at + 9 };
}
function page(db, n) {
    const start = (n - 1) * db.pageSize;
    if (n < 1 || start + db.pageSize > db.buf.length)
        throw new Error(`page ${n} is outside the file`);
    return { start, header: n === 1 ? start + 100 : start };
}
/** A leaf cell's payload, gathered from the page and its overflow chain. */
function payload(db, at) {
    const size = varint(db.buf, at);
    const rowid = varint(db.buf, size.next);
    const total = size.value;
    const u = db.usable;
    const x = u - 35;
    if (total <= x)
        return db.buf.subarray(rowid.next, rowid.next + total);
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((total - m) % (u - 4));
    const local = k <= x ? k : m;
    const parts = [db.buf.subarray(rowid.next, rowid.next + local)];
    let got = local;
    let next = db.buf.readUInt32BE(rowid.next + local);
    for (let hops = 0; got < total && next !== 0; hops++) {
        if (hops > db.buf.length / db.pageSize)
            throw new Error('overflow chain loops');
        const { start } = page(db, next);
        const take = Math.min(u - 4, total - got);
        parts.push(db.buf.subarray(start + 4, start + 4 + take));
        got += take;
        next = db.buf.readUInt32BE(start);
    }
    if (got < total)
        throw new Error('overflow chain ends early');
    return Buffer.concat(parts);
}
function record(rec) {
    const headerSize = varint(rec, 0);
    const types = [];
    for (let at = headerSize.next; at < headerSize.value;) {
        const t = varint(rec, at);
        types.push(t.value);
        at = t.next;
    }
    const values = [];
    let at = headerSize.value;
    const intBytes = [0, 1, 2, 3, 4, 6, 8];
    for (const t of types) {
        if (t === 0)
            values.push(null);
        else if (t >= 1 && t <= 6) {
            const n = intBytes[t];
            values.push(n === 8 ? Number(rec.readBigInt64BE(at)) : rec.readIntBE(at, n));
            at += n;
        }
        else if (t === 7) {
            values.push(rec.readDoubleBE(at));
            at += 8;
        }
        else if (t === 8 || t === 9)
            values.push(t - 8);
        else if (t >= 12) {
            const n = Math.floor((t - 12) / 2);
            const bytes = rec.subarray(at, at + n);
            values.push(t % 2 === 0 ? Buffer.from(bytes) : bytes.toString('utf8'));
            at += n;
        }
        else
            throw new Error(`unknown serial type ${t}`);
    }
    return values;
}
/** Every row of the table b-tree rooted at `root`, in rowid order. */
function rows(db, root, depth = 0) {
    if (depth > 40)
        throw new Error('b-tree too deep');
    const { start, header } = page(db, root);
    const kind = db.buf[header];
    const cells = db.buf.readUInt16BE(header + 3);
    const leaf = kind === 0x0d;
    if (!leaf && kind !== 0x05)
        throw new Error(`page ${root} is not a table b-tree page`);
    const pointers = header + (leaf ? 8 : 12);
    const out = [];
    for (let i = 0; i < cells; i++) {
        const cell = start + db.buf.readUInt16BE(pointers + 2 * i);
        if (leaf)
            out.push(record(payload(db, cell)));
        else
            out.push(...rows(db, db.buf.readUInt32BE(cell), depth + 1));
    }
    if (!leaf)
        out.push(...rows(db, db.buf.readUInt32BE(header + 8), depth + 1));
    return out;
}
/** Every row of `table`, its columns in declaration order. */
function readSqliteTable(buf, table) {
    if (buf.length < 100 || buf.toString('latin1', 0, 16) !== 'SQLite format 3\0') {
        throw new Error('not an SQLite database');
    }
    const raw = buf.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const db = { buf, pageSize, usable: pageSize - buf[20] };
    const schema = rows(db, 1);
    // sqlite_schema: type, name, tbl_name, rootpage, sql.
    const entry = schema.find((r) => r[0] === 'table' && String(r[1]).toLowerCase() === table.toLowerCase());
    if (!entry || typeof entry[3] !== 'number')
        throw new Error(`no table ${table}`);
    return rows(db, entry[3]);
}

;// CONCATENATED MODULE: ./src/image/packages/rpm.ts
/**
 * rpm's package database. rpm 4.16+ (Fedora 33+, RHEL/Rocky/Alma 9, Amazon Linux 2023) keeps it in
 * SQLite, `rpmdb.sqlite`: table `Packages` (hnum, blob), one rpm header per package. It is read with
 * the small SQLite reader in sqlite.ts (Node 20, which runs the tests, has no node:sqlite, and
 * node:sqlite opens only files). Older systems keep Berkeley DB (`Packages`) or SUSE's ndb
 * (`Packages.db`): those are recognised and noted as not read. Pure.
 *
 * A header blob: entry count and data size (big-endian int32 each), then 16-byte index entries (tag,
 * type, offset, count), then the data. Tags: NAME 1000, VERSION 1001, RELEASE 1002, EPOCH 1003,
 * SIZE 1009 (installed bytes, int32), LONGSIZE 5009 (int64, for packages over 4 GiB).
 */

function isRpmDatabase(path) {
    return path === '/var/lib/rpm/rpmdb.sqlite' || path === '/usr/lib/sysimage/rpm/rpmdb.sqlite';
}
function isRpmLegacyDatabase(path) {
    return /^\/(var\/lib|usr\/lib\/sysimage)\/rpm\/Packages(\.db)?$/.test(path);
}
const RPM_LEGACY_NOT_READ = "rpm's Berkeley DB / ndb database is not read (only rpmdb.sqlite is), so rpm packages are not listed";
const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, size: 1009, longsize: 5009 };
const STRING = 6;
const INT32 = 4;
const INT64 = 5;
/** The package an rpm header describes; undefined when it names none (a gpg-pubkey header has no SIZE, still a package). */
function parseRpmHeader(blob) {
    if (blob.length < 8)
        return undefined;
    const count = blob.readInt32BE(0);
    const dataBytes = blob.readInt32BE(4);
    const data = 8 + count * 16;
    if (count < 0 || data + dataBytes > blob.length)
        return undefined;
    const fields = new Map();
    for (let i = 0; i < count; i++) {
        const at = 8 + i * 16;
        const tag = blob.readInt32BE(at);
        const type = blob.readInt32BE(at + 4);
        const offset = data + blob.readInt32BE(at + 8);
        if (offset < data || offset >= data + dataBytes)
            continue;
        if (type === STRING)
            fields.set(tag, blob.toString('utf8', offset, blob.indexOf(0, offset)));
        else if (type === INT32)
            fields.set(tag, blob.readUInt32BE(offset));
        else if (type === INT64)
            fields.set(tag, Number(blob.readBigUInt64BE(offset)));
    }
    const name = fields.get(TAG.name);
    const version = fields.get(TAG.version);
    if (typeof name !== 'string' || typeof version !== 'string')
        return undefined;
    const release = fields.get(TAG.release);
    const epoch = fields.get(TAG.epoch);
    const size = fields.get(TAG.longsize) ?? fields.get(TAG.size);
    return {
        ecosystem: 'rpm',
        name,
        version: `${epoch !== undefined ? `${epoch}:` : ''}${version}${typeof release === 'string' ? `-${release}` : ''}`,
        ...(typeof size === 'number' ? { size } : {}),
    };
}
/** Every package in rpmdb.sqlite; a database that cannot be read is a note, not an error. */
function readRpmDatabase(bytes) {
    try {
        const packages = readSqliteTable(bytes, 'Packages').flatMap((row) => {
            const blob = row.find((v) => Buffer.isBuffer(v));
            const pkg = blob ? parseRpmHeader(blob) : undefined;
            return pkg ? [pkg] : [];
        });
        return { packages };
    }
    catch (err) {
        return {
            note: `rpm's database could not be read (${err.message}), so rpm packages are not listed`,
        };
    }
}

;// CONCATENATED MODULE: ./src/image/packages/types.ts
const emptyFacts = () => ({ databases: [], manifests: [], notes: [] });
function hasFacts(facts) {
    return facts.databases.length > 0 || facts.manifests.length > 0 || facts.notes.length > 0;
}

;// CONCATENATED MODULE: ./src/image/packages/reader.ts
/**
 * The layer scanner's content reader for packages: it picks, by path (and for Go binaries by their
 * first bytes), the few files whose contents say what is installed, keeps their bytes while they
 * stream past (bounded per file), parses each when it ends, and drops the bytes. Everything else is
 * never looked at. What it returns for a layer is plain data (types.ts), kept by diff id.
 */








/** A database can be large (rpmdb.sqlite of a full system: tens of MiB); bigger is not read. */
const DATABASE_MAX_BYTES = 128 * 1024 * 1024;
/** A manifest (package.json, METADATA, RECORD) bigger than this is not one worth reading. */
const MANIFEST_MAX_BYTES = 4 * 1024 * 1024;
/** Go binaries are at least this big; smaller executables are not searched for build info. */
const GO_BINARY_MIN_BYTES = 512 * 1024;
/** Collects a file whole (up to `max` bytes) and hands it to `done`; a longer one is noted, not read. */
function wholeFile(max, size, done, tooBig) {
    const parts = [];
    if (size > max) {
        tooBig();
        return { write: () => undefined, end: () => undefined };
    }
    return { write: (c) => void parts.push(c), end: () => done(Buffer.concat(parts)) };
}
/** Looks for Go build info in an executable as it streams past (never holding the binary). */
function goBinarySink(path, size, note, manifest) {
    const finder = new GoBuildInfoFinder();
    return {
        write: (c) => finder.write(c),
        end: () => {
            const info = finder.result();
            if (info === 'old')
                note(`${path}: a Go binary from before Go 1.18; its modules are not listed`);
            else if (info)
                manifest(path, goPackages(info, size));
        },
    };
}
/** One manifest per Python distribution whose metadata was read, with its RECORD's size when read. */
function pythonManifests(python) {
    const out = [];
    for (const dist of python.values()) {
        if (!dist.metadata || !dist.file)
            continue;
        const pkg = dist.size !== undefined ? { ...dist.metadata, size: dist.size } : dist.metadata;
        // Keyed by the metadata file: what the image-level inventory looks for in the final file list.
        out.push({ path: dist.file, packages: [pkg] });
    }
    return out;
}
function createPackageReader() {
    const facts = emptyFacts();
    const python = new Map();
    const note = (text) => void facts.notes.push(text);
    const database = (path, parse) => (bytes) => void facts.databases.push({ path, packages: parse(bytes) });
    const manifest = (path, packages) => {
        if (packages.length)
            facts.manifests.push({ path, packages });
    };
    const pythonDist = (path) => {
        const dir = pythonDistDir(path);
        let dist = python.get(dir);
        if (!dist)
            python.set(dir, (dist = {}));
        return dist;
    };
    /** The file whole, for the few `open` picks (defined once: `open` runs for every file of a layer). */
    const wholeOf = (path, size, max, done) => wholeFile(max, size, done, () => note(`${path} (${size} bytes) is too big to read; its packages are not listed`));
    function open(path, size, mode) {
        if (path === DPKG_STATUS)
            return wholeOf(path, size, DATABASE_MAX_BYTES, database(path, (b) => parseDpkgStatus(b.toString('utf8'))));
        if (path === APK_INSTALLED)
            return wholeOf(path, size, DATABASE_MAX_BYTES, database(path, (b) => parseApkInstalled(b.toString('utf8'))));
        if (isRpmDatabase(path))
            return wholeOf(path, size, DATABASE_MAX_BYTES, (b) => {
                const read = readRpmDatabase(b);
                if (read.note)
                    note(`${path}: ${read.note}`);
                if (read.packages)
                    facts.databases.push({ path, packages: read.packages });
            });
        if (isRpmLegacyDatabase(path)) {
            note(`${path}: ${RPM_LEGACY_NOT_READ}`);
            return undefined;
        }
        if (isDpkgStatusD(path))
            return wholeOf(path, size, MANIFEST_MAX_BYTES, (b) => manifest(path, parseDpkgStatus(b.toString('utf8'))));
        if (isNodeManifest(path))
            return wholeOf(path, size, MANIFEST_MAX_BYTES, (b) => {
                const pkg = parseNodeManifest(path, b.toString('utf8'));
                if (pkg)
                    manifest(path, [pkg]);
            });
        const kind = pythonRecordKind(path);
        if (kind)
            return wholeOf(path, size, MANIFEST_MAX_BYTES, (b) => {
                const dist = pythonDist(path);
                if (kind === 'record')
                    dist.size = recordBytes(b.toString('utf8'));
                else {
                    dist.file = path;
                    dist.metadata = parsePythonMetadata(b.toString('utf8'));
                }
            });
        if (isJar(path))
            return wholeOf(path, size, JAR_MAX_BYTES, (b) => manifest(path, parseJar(b, size)));
        if ((mode & 0o111) !== 0 && size >= GO_BINARY_MIN_BYTES)
            return goBinarySink(path, size, note, manifest);
        return undefined;
    }
    function finish() {
        facts.manifests.push(...pythonManifests(python));
        return facts;
    }
    return { open, finish };
}

;// CONCATENATED MODULE: ./src/image/scan.ts
/**
 * One streamed pass over `docker save`: what an image is made of (layer sizes, gzip sizes, config,
 * wasted space), independent of any Dockerfile. Layers already known by diff id (layer-store.ts) are
 * not compressed again: their bytes are discarded as they stream past, or, when only their file list
 * is missing, listed without compressing. How the archive is read: archive.ts, compressed-size.ts.
 */








function startSave(docker, imageIds) {
    const stop = new AbortController();
    const names = typeof imageIds === 'string' || imageIds.length !== 1 ? imageIds : imageIds[0];
    return { handle: docker.save(names, stop.signal), stop };
}
/** The file a build exported (`--output=type=docker,dest=`), read as a started `docker save` is. */
function startExported(docker, file) {
    const stop = new AbortController();
    return { handle: docker.exported(file, stop.signal), stop, source: `the build's export ${file}` };
}
/** Stops a started save that will not be read, and waits for its process to end. */
async function discardSave(started) {
    if (!started)
        return;
    started.stop.abort();
    started.handle.stdout.destroy();
    await started.handle.done;
}
/**
 * Reads the image through `docker save` (`started`, or a save started now); the stream is consumed
 * as it arrives, never buffered. When `enough` ends the read early, `docker save` is stopped: its
 * exit status then says nothing.
 */
async function readSaved(docker, imageIds, k, reading, started = startSave(docker, imageIds)) {
    const imageId = imageIds.join(' ');
    const { listFiles, limit } = k;
    const { handle, stop } = started;
    const source = started.source ?? "'docker save'";
    let archive;
    try {
        // With the file lists comes the package reader: the same pass, the same bytes.
        const readContents = listFiles ? createPackageReader : undefined;
        archive = await readImageArchive(handle.stdout, {
            listFiles,
            limit,
            readContents,
            modeOf: reading.modeOf,
            enough: reading.enough,
            digestLayers: reading.enough !== undefined,
        });
    }
    catch (err) {
        const result = await handle.done;
        const stderr = result.exitCode !== 0 ? failureSummary(result) : '';
        const why = err instanceof Error ? err.message : String(err);
        throw new errors/* UserError */.y(`Could not read image ${imageId} from ${source}: ${why}${stderr ? ` (${started.source ? 'read' : 'docker'}: ${stderr})` : ''}`, 'size');
    }
    if (archive.partial) {
        stop.abort();
        await handle.done;
        return archive;
    }
    const result = await handle.done;
    if (result.exitCode !== 0) {
        throw new errors/* UserError */.y(started.source
            ? `Could not read image ${imageId} from ${started.source}: ${failureSummary(result)}`
            : `'docker save ${imageId}' failed (exit ${result.exitCode}): ${failureSummary(result)}`, 'size');
    }
    return archive;
}
/**
 * What the layers' file lists tell, once every layer has one: the wasted space, and the packages and
 * largest files (both from the same lists); nothing when files were not listed or a list is missing.
 */
function fromFileLists(listFiles, fileLists) {
    if (!listFiles || !fileLists.every((f) => f !== undefined))
        return {};
    const { waste, files } = wasteAndFinalFiles(fileLists);
    return { waste, contents: imageContents(fileLists, files) };
}
/** How much of a layer must be read, from what is known of it. */
function readModeOf(diffId, k) {
    const facts = k.known.get(diffId);
    if (facts && (!k.listFiles || facts.files))
        return 'skip';
    return facts || k.registry.has(diffId) ? 'read' : 'measure';
}
const scan_STRENGTH = { skip: 0, read: 1, measure: 2 };
/**
 * How to read an archive entry before its bytes stream. The OCI layout names an uncompressed layer by
 * its diff id (`blobs/sha256/<diff id>`), a compressed one (containerd store) by the compressed blob's
 * digest, which a layer read before remembers (`blobDigest`). The legacy layout names it by a v1 id, so a known layer is
 * recognised by its tar's length (`tarBytes`); a guess is checked against manifest.json afterwards.
 */
function entryModes(k, trustTarBytes) {
    const ids = new Set(k.diffIds);
    const byBlob = new Map();
    for (const d of k.diffIds) {
        const blob = k.known.get(d)?.blobDigest;
        if (blob)
            byBlob.set(blob, d);
    }
    const byTarBytes = new Map();
    for (const d of k.diffIds) {
        const bytes = k.known.get(d)?.tarBytes;
        if (bytes === undefined || !trustTarBytes)
            continue;
        const mode = readModeOf(d, k);
        const before = byTarBytes.get(bytes);
        byTarBytes.set(bytes, before && scan_STRENGTH[before] > scan_STRENGTH[mode] ? before : mode);
    }
    return ({ path, bytes }) => {
        const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(path);
        if (blob) {
            const digest = `sha256:${blob[1]}`;
            const diffId = ids.has(digest) ? digest : byBlob.get(digest);
            return diffId ? readModeOf(diffId, k) : 'measure';
        }
        return byTarBytes.get(bytes) ?? 'measure';
    };
}
/**
 * The image's layout in the archive. A read that stopped early has no manifest: the config is the one
 * named by the image id, a layer that was read is the entry read as it, and a skipped one has no entry.
 */
function layoutOf(archive, imageId, k) {
    if (archive.partial) {
        const found = configFromArchive(archive, imageId, k.diffIds);
        if (!found)
            throw new errors/* UserError */.y(`'docker save' of ${imageId} ended before its config.`, 'size');
        return { ...found, layerPaths: k.diffIds.map((d) => readEntryOf(archive, d) ?? '') };
    }
    try {
        return resolveLayout(archive, imageId);
    }
    catch (err) {
        throw new errors/* UserError */.y(`Could not read image ${imageId} from 'docker save': ${err.message}`, 'size');
    }
}
/** The archive's name for a layer when it is a blob digest other than the diff id. */
function blobDigestOf(path, diffId) {
    const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(path);
    const digest = blob ? `sha256:${blob[1]}` : undefined;
    return digest && digest !== diffId ? { blobDigest: digest } : undefined;
}
/** One layer's result from what was read and what was known; undefined when a guess was wrong. */
function layerResult(read, diffId, k) {
    const needed = readModeOf(diffId, k);
    const mode = read.mode ?? 'measure';
    if (scan_STRENGTH[mode] < scan_STRENGTH[needed])
        return undefined;
    const known = k.known.get(diffId);
    if (mode === 'skip' && known) {
        const source = known.compressedFrom === 'registry' ? 'registry' : 'cached';
        const layer = { path: read.path, diffId, size: known.size, compressedSize: known.compressedSize };
        const packages = known.files?.packages;
        return {
            layer: { ...layer, compressedSizeSource: source, ...(packages ? { packages } : {}) },
            files: known.files,
        };
    }
    const size = read.files?.contentBytes ?? read.archiveBytes;
    const fromRegistry = k.registry.get(diffId) ?? (known?.compressedFrom === 'registry' ? known.compressedSize : undefined);
    const compressedSize = fromRegistry ?? read.compressedSize ?? known?.compressedSize;
    if (compressedSize === undefined)
        return undefined;
    const source = fromRegistry !== undefined ? 'registry' : read.compressedSize !== undefined ? 'measured' : 'cached';
    const measured = {
        diffId,
        size,
        compressedSize,
        compressedFrom: fromRegistry !== undefined ? 'registry' : 'measured',
        ...(read.storedAs ? {} : { tarBytes: read.archiveBytes }),
        ...(blobDigestOf(read.path, diffId) ?? {}),
        ...(k.listFiles && read.files ? { files: read.files } : {}),
    };
    return {
        layer: {
            ...{ path: read.path, diffId, size, compressedSize, compressedSizeSource: source },
            ...(read.files?.packages ? { packages: read.files.packages } : {}),
        },
        files: read.files,
        measured,
    };
}
/** The scan from a read archive; undefined when a layer recognised by its length was another. */
function scanFromArchive(imageId, archive, k) {
    const layout = layoutOf(archive, imageId, k);
    const diffIds = layout.config.rootfs?.diff_ids ?? k.diffIds;
    const results = layout.layerPaths.map((path, i) => {
        // A layer a partial read never reached is one it did not need (skipped).
        const read = path === '' && archive.partial
            ? { path, archiveBytes: 0, mode: 'skip' }
            : archive.layers.get(path);
        if (!read)
            throw new errors/* UserError */.y(`'docker save' of ${imageId} lacks layer ${path}.`, 'size');
        return { read, result: layerResult(read, diffIds[i] ?? '', k) };
    });
    if (results.some((r) => !r.result))
        return undefined;
    const done = results.map((r) => r.result);
    const listed = fromFileLists(k.listFiles, done.map((r) => r.files));
    const measured = new Map(done.flatMap((r) => (r.measured ? [[r.measured.diffId, r.measured]] : [])));
    return {
        scan: {
            imageId,
            config: layout.config,
            configBytes: layout.configBytes,
            layers: done.map((r) => r.layer),
            ...listed,
        },
        measured: [...measured.values()],
        modes: results.map((r) => r.read.mode ?? 'measure'),
    };
}
/**
 * What several images' scans know together: a fact about a diff id (a content address) is true in
 * every image that holds the layer.
 */
function unionKnowledge(requests) {
    const [first] = requests;
    if (requests.length === 1)
        return first.k;
    const merged = (maps) => new Map(maps.flatMap((m) => [...m]));
    return {
        listFiles: requests.some((r) => r.k.listFiles),
        diffIds: [...new Set(requests.flatMap((r) => r.k.diffIds))],
        known: merged(requests.map((r) => r.k.known)),
        registry: merged(requests.map((r) => r.k.registry)),
        limit: first.k.limit,
    };
}
/** The read may stop early only once every image's config and needed layers have streamed past. */
function stopOnceAllRead(requests, union) {
    const tests = requests.map((r) => stopOnceRead(r.imageId, r.k, (d) => readModeOf(d, union)));
    if (tests.some((t) => t === undefined))
        return undefined;
    return (progress) => tests.every((t) => t?.(progress));
}
/**
 * Reads one or more images through one `docker save` (`started`: one started early, see StartedSave):
 * layer sizes, compressed sizes, config, waste. The engine writes a layer the images share once, and it
 * is read once. Layers in `known` are not compressed again, and the read stops once every layer it
 * must read has streamed past (partial-read.ts): the rest would only be skipped. Should a layer
 * recognised by its tar's length turn out to be another (two layers of one length), the images are
 * read again without such guesses. Results come in the requests' order.
 */
async function scanImages(docker, requests, started) {
    const union = unionKnowledge(requests);
    const ids = requests.map((r) => r.imageId);
    for (const trustTarBytes of [true, false]) {
        const reading = { modeOf: entryModes(union, trustTarBytes), enough: stopOnceAllRead(requests, union) };
        // A save started early serves the first read; a second read (a wrong guess) saves again.
        const archive = await readSaved(docker, ids, union, reading, trustTarBytes ? started : undefined);
        // Each image's layers are judged by what the read knew of every diff id, its own or the other's.
        const results = requests.map((r) => scanFromArchive(r.imageId, archive, { ...union, diffIds: r.k.diffIds, listFiles: r.k.listFiles }));
        if (results.every((r) => r !== undefined))
            return results;
    }
    throw new errors/* UserError */.y(`'docker save' of ${ids.join(' ')} did not hold the layers its manifest names.`, 'size');
}
/** Reads one image through `docker save` (see scanImages). */
async function scanImage(docker, imageId, k, started) {
    const [result] = await scanImages(docker, [{ imageId, k }], started);
    return result;
}

;// CONCATENATED MODULE: ./src/image/known-scan.ts


const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
/**
 * The config's history from `docker history` rows (oldest first), which do not say which rows have
 * a layer: row sizes are matched in order against the layers' sizes. A row of 0 bytes has a layer
 * when only layer-making rows are left, or its instruction makes layers. Undefined when the rows do
 * not account for every layer.
 */
function historyFromRows(rows, layerSizes) {
    let next = 0;
    const entries = rows.map((row, i) => {
        const fits = next < layerSizes.length && row.size === layerSizes[next];
        const keyword = historyKeyword(row.createdBy);
        const mustTake = layerSizes.length - next >= rows.length - i;
        const layered = fits && (mustTake || row.size > 0 || keyword === undefined || LAYER_KEYWORDS.has(keyword));
        if (layered)
            next++;
        return {
            created_by: row.createdBy,
            ...(row.comment ? { comment: row.comment } : {}),
            ...(layered ? {} : { empty_layer: true }),
        };
    });
    return next === layerSizes.length ? entries : undefined;
}
/** The scan of an image all of whose layers are known; undefined when `docker history` cannot say. */
async function scanWithoutSave(docker, inspected, k) {
    const known = k.diffIds.map((d) => (readModeOf(d, k) === 'skip' ? k.known.get(d) : undefined));
    if (known.length === 0 || known.some((f) => f === undefined))
        return undefined;
    const facts = known;
    let rows;
    try {
        rows = await docker.history(inspected.id);
    }
    catch {
        // No history (an engine that cannot say, output it does not recognise): read the image instead.
        return undefined;
    }
    const history = historyFromRows(rows, facts.map((f) => f.size));
    if (!history)
        return undefined;
    const config = { ...inspected.configFields, history, rootfs: { diff_ids: k.diffIds } };
    return {
        imageId: inspected.id,
        config,
        configBytes: Buffer.byteLength(JSON.stringify({ ...config, rootfs: { type: 'layers', diff_ids: k.diffIds } })),
        layers: facts.map((f) => ({
            path: '',
            diffId: f.diffId,
            size: f.size,
            compressedSize: f.compressedSize,
            compressedSizeSource: f.compressedFrom === 'registry' ? 'registry' : 'cached',
            ...(f.files?.packages ? { packages: f.files.packages } : {}),
        })),
        ...fromFileLists(k.listFiles, facts.map((f) => f.files)),
    };
}

;// CONCATENATED MODULE: ./src/image/registry-sizes.ts
/**
 * Compressed sizes of a pulled base image's layers as its registry stores them: the manifest lists
 * each layer blob's size, which is exactly what a registry holds (no recompression, which would only
 * approximate it). Manifest layers are tied to diff ids through the image config's `rootfs.diff_ids`
 * (same order), so a figure is only ever used for the layer it describes, even when a tag has moved
 * since the build pulled it. A multi-platform index is followed to the engine's platform.
 *
 * Never an error: a registry that cannot be reached, refuses, or answers with something unexpected
 * gives no figures, and those layers are compressed instead.
 */

/** `registry/name` of a reference, without its tag or digest. */
function repositoryOf(ref) {
    const noDigest = ref.split('@')[0];
    const slash = noDigest.lastIndexOf('/');
    const colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.slice(0, colon) : noDigest;
}
/** The descriptor of `platform`'s manifest in an index; undefined when the index has none. */
function pickPlatform(index, platform) {
    const list = (index.manifests ?? []).filter((m) => typeof m.digest === 'string');
    const match = list.find((m) => m.platform?.os === platform.os &&
        m.platform?.architecture === platform.architecture &&
        (platform.variant === undefined || m.platform?.variant === platform.variant));
    return match?.digest;
}
/** diff id -> the registry's blob size, from a manifest's layers and its config's diff ids. */
function sizesByDiffId(manifest, diffIds) {
    const layers = manifest.layers ?? [];
    const sizes = new Map();
    if (layers.length !== diffIds.length)
        return sizes;
    layers.forEach((l, i) => {
        if (typeof l.size === 'number' && Number.isInteger(l.size) && l.size >= 0)
            sizes.set(diffIds[i], l.size);
    });
    return sizes;
}
function parseJson(text) {
    if (text === undefined)
        return undefined;
    try {
        const value = JSON.parse(text);
        return typeof value === 'object' && value !== null ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The reference to ask the registry about: the digest the engine pulled (RepoDigests), preferring one
 * in the reference's own repository. Any registry that holds this manifest stores exactly its blobs,
 * and figures are matched by diff id, so another repository's digest (a mirror's) is as good.
 */
async function pinnedRef(docker, ref) {
    const repo = repositoryOf(ref);
    try {
        const { repoDigests } = await docker.inspectImage(ref);
        return repoDigests.find((d) => repositoryOf(d) === repo) ?? repoDigests[0] ?? ref;
    }
    catch {
        return ref; // Not in the engine's store (BuildKit pulled it into its own): ask by the reference.
    }
}
/** The registry's compressed size of each layer of image `ref` for `platform`, by diff id. */
async function registryLayerSizes(docker, ref, platform, timeoutMs = REGISTRY_TIMEOUT_MS) {
    const none = new Map();
    if (ref === 'scratch' || !ref)
        return none;
    const pinned = await pinnedRef(docker, ref);
    let manifestRef = pinned;
    let manifest = parseJson(await docker.imagetools(pinned, { raw: true }, timeoutMs));
    if (manifest?.manifests) {
        const digest = pickPlatform(manifest, platform);
        if (!digest)
            return none;
        manifestRef = `${repositoryOf(pinned)}@${digest}`;
        manifest = parseJson(await docker.imagetools(manifestRef, { raw: true }, timeoutMs));
    }
    if (!manifest?.layers)
        return none;
    const config = parseJson(await docker.imagetools(manifestRef, { format: '{{json .Image}}' }, timeoutMs));
    const diffIds = config?.rootfs?.diff_ids;
    if (!Array.isArray(diffIds) || !diffIds.every((d) => typeof d === 'string'))
        return none;
    return sizesByDiffId(manifest, diffIds);
}

;// CONCATENATED MODULE: ./src/image/measure.ts







/** The image's id and disk size; a missing image is the size step's error. */
async function inspectForSize(docker, image) {
    try {
        return await docker.inspectImage(image);
    }
    catch (err) {
        if (err instanceof DockerError)
            throw new errors/* UserError */.y(`Could not inspect image ${image}: ${failureSummary(err.result)}`, 'size');
        throw err;
    }
}
/**
 * Fills each built stage's disk size and layer count for the stage table. Stages whose image is not
 * in the engine's store (buildx without --load) keep them unset: the table shows them as unknown.
 */
async function measureStageImages(docker, builds, imageStore = 'classic') {
    return Promise.all(builds.map(async (build) => {
        if (build.status !== 'built' || !build.imageId)
            return build;
        try {
            const inspected = await docker.inspectImage(build.imageId);
            // Under the containerd store Size is packed, not on disk: the table shows the size as unknown.
            const size = imageStore === 'classic' ? { size: inspected.size } : {};
            return { ...build, ...size, layers: inspected.layerCount };
        }
        catch (err) {
            if (err instanceof DockerError || err instanceof errors/* UserError */.y)
                return build;
            throw err;
        }
    }));
}
/** The measurement from a scan: layers tied to the Dockerfile's instructions, the registry's total. */
function measurementFromScan(scan, size, model, target) {
    const origins = attributeLayers(scan.config, model.graph.stages[target] ? targetChain(model, target) : undefined);
    const layers = scan.layers.map((layer, i) => {
        const origin = origins[i] ?? { diffId: '', createdBy: '' };
        const info = {
            diffId: origin.diffId || layer.diffId,
            size: layer.size,
            compressedSize: layer.compressedSize,
            compressedSizeSource: layer.compressedSizeSource,
            createdBy: origin.createdBy,
        };
        if (origin.instruction)
            info.instruction = origin.instruction;
        if (origin.baseImage)
            info.baseImage = origin.baseImage;
        return info;
    });
    const compressedSize = registryCompressedSize(scan.layers, scan.configBytes);
    const { waste, contents } = scan;
    return {
        imageId: scan.imageId,
        size,
        compressedSize,
        layers,
        ...(waste ? { waste } : {}),
        ...(contents ? { contents } : {}),
    };
}
/**
 * Measures a loaded image: disk size, compressed size, layers tied to instructions, waste. With a
 * scan store, an image scanned before (this run's base and head are often the same image; a re-run
 * builds the same images) is not read again.
 */
async function measureImage(docker, image, model, target, options = {}) {
    const listFiles = options.waste ?? true;
    const inspected = await inspectForSize(docker, image);
    const scans = options.scans;
    const baseImage = model.graph.stages[target] ? targetChain(model, target).baseImage : 'scratch';
    let scan = asCached(await scans?.get(inspected.id, listFiles));
    if (!scan) {
        const read = {
            inspected,
            listFiles,
            baseImage,
            registry: options.registry ?? true,
            limit: options.limit,
        };
        const saved = () => scans
            ? options.pair
                ? scanPaired(docker, read, scans, options.pair)
                : scanInTurn(docker, read, scans)
            : scanAlone(docker, read);
        const { archive } = options;
        scan = archive ? await fromExport(docker, read, scans, { ...options, archive }, saved) : await saved();
        await scans?.put(scan);
    }
    const size = options.imageStore === 'containerd' ? scan.layers.reduce((sum, l) => sum + l.size, 0) : inspected.size;
    return measurementFromScan(scan, size, model, target);
}
/** A scan read back: its layers' compressed sizes were measured before, not by this run. */
function asCached(scan) {
    if (!scan)
        return undefined;
    return {
        ...scan,
        layers: scan.layers.map((l) => l.compressedSizeSource === 'measured' ? { ...l, compressedSizeSource: 'cached' } : l),
    };
}
const knowledge = (inspected, listFiles, known) => ({ listFiles, diffIds: inspected.diffIds, known, registry: new Map() });
function measure_platformOf(inspected) {
    const f = inspected.configFields;
    const str = (v) => (typeof v === 'string' && v ? v : undefined);
    const variant = str(f.variant);
    return {
        os: str(f.os) ?? 'linux',
        architecture: str(f.architecture) ?? 'amd64',
        ...(variant ? { variant } : {}),
    };
}
/** Scans an image without a scan store: nothing known, every layer read (from `started`, if given). */
async function scanAlone(docker, request, started) {
    const k = { ...knowledge(request.inspected, request.listFiles, new Map()), limit: request.limit };
    return (await scanImage(docker, request.inspected.id, k, started)).scan;
}
/**
 * Scans an image when no other measurement runs (the layer store's `exclusive`: the second of two
 * images sharing layers finds them known). Waiting for its turn, it already starts `docker save`: the
 * engine's export (as long as reading the image, before the first byte streams) then overlaps the
 * other measurement's compressing, instead of following it. Only when another measurement runs: it
 * may yet show this image known whole, and that save is then stopped unread. `started`: the stream
 * to read instead (a build's exported file), stopped the same way.
 */
async function scanInTurn(docker, request, scans, started = scans.layers.busy()
    ? startSave(docker, request.inspected.id)
    : undefined) {
    try {
        return await scans.layers.exclusive(async () => 
        // The measurement that ran before may have read this image too (save-pairing.ts).
        asCached(await scans.get(request.inspected.id, request.listFiles)) ??
            scanByLayer(docker, request, scans, started));
    }
    finally {
        // Ended by its read, or never read (every layer known, or an error before reading): stopped.
        await discardSave(started);
    }
}
/**
 * The image read from the file its build exported: it then shares no `docker save`, so the other
 * side of the pairing reads alone. Should the file not serve (an archive this reader cannot place the
 * image in), the image is read by `docker save` as on any other driver, and the log says why.
 */
async function fromExport(docker, read, scans, options, saved) {
    const whose = options.pair ? `the ${options.pair.side}'s image` : 'image';
    const id = read.inspected.id;
    // Said at once: the other side need not wait for this read to save its image alone.
    options.pair?.pairing.offer(options.pair.side, undefined);
    try {
        const scan = await scanExported(docker, read, scans, options.archive);
        options.debug?.(`Measured ${whose} ${id} from the file its build exported, not docker save`);
        return scan;
    }
    catch (err) {
        if (!(err instanceof errors/* UserError */.y))
            throw err;
        options.debug?.(`Could not measure ${whose} ${id} from its build's export (${err.message}); reading it with docker save`);
        return saved();
    }
}
/**
 * Scans an image from the file its build exported: the layers arrive compressed as the builder
 * stores (and would push) them, so their compressed sizes are the blobs' own and nothing is
 * compressed, nor asked of a registry. With a scan store, layers known by diff id are skipped as
 * they pass, as in a `docker save`, one measurement at a time (scanInTurn).
 */
async function scanExported(docker, request, scans, file) {
    const started = startExported(docker, file);
    if (scans)
        return scanInTurn(docker, { ...request, registry: false }, scans, started);
    try {
        return await scanAlone(docker, request, started);
    }
    finally {
        await discardSave(started);
    }
}
/** What is known of an image's layers, and how each must be read. */
async function knowledgeOf(request, scans) {
    const { inspected, listFiles } = request;
    const known = new Map();
    for (const diffId of inspected.diffIds) {
        const facts = await scans.layers.get(diffId);
        if (facts)
            known.set(diffId, facts);
    }
    const k = { ...knowledge(inspected, listFiles, known), limit: request.limit };
    return { k, needsSave: inspected.diffIds.some((d) => readModeOf(d, k) !== 'skip') };
}
/** The registry's compressed sizes of the pulled base image's layers, when some are to be compressed. */
async function withRegistrySizes(docker, request, k) {
    const compresses = request.inspected.diffIds.some((d) => readModeOf(d, k) === 'measure');
    if (!request.registry || !compresses || request.baseImage === 'scratch')
        return k;
    return {
        ...k,
        registry: await registryLayerSizes(docker, request.baseImage, measure_platformOf(request.inspected)),
    };
}
/**
 * Scans an image reading only what is not known by diff id: nothing at all (no `docker save`) when
 * every layer is known; else one `docker save` (`started`, when one was started early) that
 * compresses only the layers never seen, asking the registry first for the sizes of pulled base-image
 * layers.
 */
async function scanByLayer(docker, request, scans, started) {
    const { k, needsSave } = await knowledgeOf(request, scans);
    if (!needsSave) {
        const scan = await scanWithoutSave(docker, request.inspected, k);
        if (scan)
            return scan;
    }
    const sized = await withRegistrySizes(docker, request, k);
    const result = await scanImage(docker, request.inspected.id, sized, started);
    await scans.layers.put(result.measured);
    return result.scan;
}
/**
 * Scans this image and the run's other one (head and base) from one `docker save`, in which the
 * engine writes their shared layers once; only when both must be saved. Else this image alone.
 */
async function scanTogether(docker, requests, scans) {
    const [self, partner] = requests;
    const known = await Promise.all(requests.map((r) => knowledgeOf(r, scans)));
    if (!known.every((k) => k.needsSave))
        return new Map([[self.inspected.id, await scanByLayer(docker, self, scans)]]);
    const ks = await Promise.all(requests.map((r, i) => withRegistrySizes(docker, r, known[i].k)));
    const results = await scanImages(docker, [
        { imageId: self.inspected.id, k: ks[0] },
        { imageId: partner.inspected.id, k: ks[1] },
    ]);
    const measured = new Map(results.flatMap((r) => r.measured.map((f) => [f.diffId, f])));
    await scans.layers.put([...measured.values()]);
    return new Map(results.map((r) => [r.scan.imageId, r.scan]));
}
/**
 * Scans an image that the run's other image (the head's or the base's) may share a `docker save`
 * with (save-pairing.ts): waits for the other side to say what it will measure; when the other side
 * already took this image on, waits for that read; else takes both on. Should the shared read fail,
 * this image is read alone.
 */
async function scanPaired(docker, request, scans, pair) {
    const { pairing, side } = pair;
    const id = request.inspected.id;
    pairing.offer(side, { imageId: id, baseImage: request.baseImage });
    const partner = await pairing.partnerOf(side);
    const taken = pairing.taken(id);
    if (taken) {
        const scan = await taken;
        return scan && (!request.listFiles || scan.waste) ? scan : scanInTurn(docker, request, scans);
    }
    if (!partner)
        return scanInTurn(docker, request, scans);
    if (partner.imageId === id)
        return scanOnceForBoth(docker, request, scans, pairing);
    const handOver = pairing.take([id, partner.imageId]);
    let scanned = new Map();
    try {
        const inspected = await docker.inspectImage(partner.imageId);
        const other = { ...request, inspected, baseImage: partner.baseImage };
        scanned = await scans.layers.exclusive(async () => (await scans.get(partner.imageId, request.listFiles))
            ? new Map([[id, await scanByLayer(docker, request, scans)]])
            : scanTogether(docker, [request, other], scans));
    }
    catch (err) {
        if (!(err instanceof errors/* UserError */.y || err instanceof DockerError))
            throw err;
    }
    finally {
        handOver(scanned);
    }
    return scanned.get(id) ?? scanInTurn(docker, request, scans);
}
/**
 * Head and base are one image (the pull request did not change the target): the side that gets here
 * first reads it, the other waits for that read (save-pairing.ts) and saves nothing.
 */
async function scanOnceForBoth(docker, request, scans, pairing) {
    const id = request.inspected.id;
    const handOver = pairing.take([id]);
    const scanned = new Map();
    try {
        const scan = await scanInTurn(docker, request, scans);
        scanned.set(id, scan);
        return scan;
    }
    finally {
        // A failed read hands over nothing: the other side then reads alone, and says why it could not.
        handOver(scanned);
    }
}

;// CONCATENATED MODULE: ./src/baseline/base-report.ts
/**
 * A saved base report: the measurement of one commit's target image, kept in the Actions cache so a
 * pull request based on that commit need not rebuild it. Pure (key and (de)serialization).
 *
 * The key names everything that changes the figures: the commit, the Dockerfile path, the target,
 * the build options (context, build-args, platforms, named build contexts) and the engine's image
 * store (which changes what "size on disk" is read from). Not the builder's name: setup-buildx-action
 * makes a new random one every run. Build-arg values go into the key only hashed. Secrets never go
 * into it, not even hashed (a hash of a short secret can be guessed); nor `no-cache` or `pull`, which
 * change how an image is built, not what it is.
 */


/** Bump when the shape of ImageMeasurement changes incompatibly. */
const BASE_REPORT_VERSION = 1;
function baseReportKey(parts) {
    const options = JSON.stringify({
        file: parts.file,
        target: parts.target,
        context: parts.inputs.context,
        buildArgs: parts.inputs['build-args'].map((a) => [a.name, a.value]),
        imageStore: parts.imageStore,
        // Only when set, so keys saved before these inputs existed still match.
        ...(parts.inputs.platforms?.length ? { platforms: parts.inputs.platforms } : {}),
        ...(parts.inputs['build-contexts']?.length
            ? { buildContexts: parts.inputs['build-contexts'].map((c) => [c.name, c.value]) }
            : {}),
    });
    const digest = (0,external_node_crypto_.createHash)('sha256').update(options).digest('hex').slice(0, 20);
    return `stagegate-base-v${BASE_REPORT_VERSION}-${parts.sha}-${digest}`;
}
function serializeBaseReport(sha, image, layers = []) {
    const saved = {
        version: BASE_REPORT_VERSION,
        sha,
        image,
        ...(layers.length ? { layers: layers.map(packLayerFacts) } : {}),
    };
    return JSON.stringify(saved);
}
/** The layer facts a saved report holds (none when it is not one this version wrote); bad ones are left out. */
function parseBaseReportLayers(text, sha) {
    if (!parseBaseReport(text, sha))
        return [];
    const saved = JSON.parse(text);
    if (!Array.isArray(saved.layers))
        return [];
    return saved.layers.flatMap((l) => {
        const facts = unpackLayerFacts(l);
        return facts ? [facts] : [];
    });
}
/** The measurement in a saved report, or undefined when it is not one this version wrote. */
function parseBaseReport(text, sha) {
    try {
        const saved = JSON.parse(text);
        const image = saved.image;
        if (saved.version !== BASE_REPORT_VERSION || saved.sha !== sha || !image)
            return undefined;
        if (typeof image.size !== 'number' ||
            typeof image.compressedSize !== 'number' ||
            !Array.isArray(image.layers)) {
            return undefined;
        }
        return image;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/baseline/worktree.ts
/**
 * The base commit, checked out beside the workspace: found (fetched when a shallow or single-branch
 * checkout lacks it), added as a detached `git worktree` in a temporary directory, always removed.
 * Every git command goes through the engine seam.
 */



class GitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GitError';
    }
}
/** git's own words for a failure: its `fatal:`/`error:` lines when it printed some, else its last lines. */
const why = (r) => {
    const lines = (r.stderr || r.tail.join('\n'))
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    const own = lines.filter((l) => /^(fatal|error):/.test(l));
    return (own.length ? own : lines.slice(-3)).join(' ');
};
async function git(engine, cwd, args) {
    return engine.run('git', args, { cwd, tailLines: 20, env: { GIT_TERMINAL_PROMPT: '0' } });
}
async function commitOf(engine, cwd, rev) {
    const r = await git(engine, cwd, [
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${rev}^{commit}`,
    ]);
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
}
/** The repository's top directory, seen from `cwd`. */
async function repositoryRoot(engine, cwd) {
    const r = await git(engine, cwd, ['rev-parse', '--show-toplevel']);
    if (r.exitCode !== 0)
        throw new GitError(`${cwd} is not inside a git checkout: ${why(r)}`);
    return r.stdout.trim();
}
/**
 * The commit a sha or ref names, fetching it from `origin` when the checkout does not have it
 * (actions/checkout clones one commit deep by default). Names tried locally: the ref itself, then
 * `origin/<ref>` (a branch other than the checked-out one).
 */
async function resolveCommit(engine, repo, rev) {
    if (rev.startsWith('-'))
        throw new GitError(`'${rev}' is not a commit or ref name.`);
    const local = (await commitOf(engine, repo, rev)) ?? (await commitOf(engine, repo, `origin/${rev}`));
    if (local)
        return local;
    const fetched = await git(engine, repo, ['fetch', '--no-tags', '--depth=1', 'origin', rev]);
    if (fetched.exitCode !== 0) {
        throw new GitError(`The base commit ${rev} is not in the checkout and 'git fetch --depth=1 origin ${rev}' failed: ${why(fetched)}`);
    }
    const sha = /^[0-9a-f]{40}$/.test(rev)
        ? await commitOf(engine, repo, rev)
        : await commitOf(engine, repo, 'FETCH_HEAD');
    if (!sha)
        throw new GitError(`Fetched ${rev} from origin, but it does not name a commit.`);
    return sha;
}
/** A file's text at a commit (`git show SHA:PATH`, PATH relative to the repository root), if it has one. */
async function fileAtCommit(engine, repo, sha, path) {
    const r = await git(engine, repo, ['show', `${sha}:${path.split('\\').join('/')}`]);
    return r.exitCode === 0 ? r.stdout : undefined;
}
/** A commit's parents, first parent first (`git rev-list --parents -n 1`); [] when git cannot tell. */
async function parentsOf(engine, repo, rev) {
    const r = await git(engine, repo, ['rev-list', '--parents', '-n', '1', '--end-of-options', rev]);
    if (r.exitCode !== 0)
        return [];
    return r.stdout.trim().split(/\s+/).slice(1);
}
/**
 * Checks out the submodules the worktree's commit records, when it has any: without them a Dockerfile
 * that copies submodule content would build a base without it, and the size change would be bogus.
 * Authentication is the checkout's (the worktree shares the repository's config).
 */
async function checkOutSubmodules(engine, dir) {
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, '.gitmodules')))
        return;
    const r = await git(engine, dir, ['submodule', 'update', '--init', '--recursive']);
    if (r.exitCode !== 0)
        throw new GitError(`The base commit has submodules, and 'git submodule update --init --recursive' failed in its worktree: ${why(r)}`);
}
/**
 * Checks out `sha` in a temporary worktree (with its submodules), runs `fn` there, and removes the
 * worktree whatever happens.
 */
async function withWorktree(engine, repo, sha, fn) {
    const parent = runnerTempDir('stagegate-base-');
    const dir = (0,external_node_path_.join)(parent, 'worktree');
    try {
        const added = await git(engine, repo, ['worktree', 'add', '--detach', dir, sha]);
        if (added.exitCode !== 0)
            throw new GitError(`Could not check out the base commit ${sha}: ${why(added)}`);
        await checkOutSubmodules(engine, dir);
        return await fn(dir);
    }
    finally {
        await git(engine, repo, ['worktree', 'remove', '--force', dir]);
        (0,external_node_fs_.rmSync)(parent, { recursive: true, force: true });
        await git(engine, repo, ['worktree', 'prune']);
    }
}

;// CONCATENATED MODULE: ./src/baseline/compare.ts
/**
 * The base side of the size comparison: the same target, built from the base commit with the same
 * build options and builder (so unchanged layers come from the build cache), and measured the same
 * way as the head. Or, when a run for that commit already saved its measurement, that report.
 *
 * Which commit: the `base-ref` input when set (a branch, tag or sha), else the pull request's base
 * commit (`pull_request.base.sha`). Without either (a push) there is nothing to compare with, and
 * the run saves its own measurement for the pull requests that will be based on this commit.
 *
 * Outcomes (BaseComparison.status): compared; new-image when the base commit has no such Dockerfile
 * or no such target stage (nothing to compare, nothing wrong); failed when the base could not be
 * checked out, parsed or built (reported, but the PR is not failed for its base's problems);
 * disabled when `compare` is false or there is no base.
 */











const compare_short = (sha) => sha.slice(0, 7);
/** A named context that is a relative folder (not `docker-image://`, a URL or an absolute path). */
const isLocalContext = (value) => !value.includes('://') && !(0,external_node_path_.isAbsolute)(value);
/** The `--target` to build: the stage's name, or '' for an unnamed last stage. */
function targetStageName(model, plan) {
    return model.graph.stages[plan.target]?.name ?? '';
}
/** The base Dockerfile's stage that corresponds to the head's target, if it has one. */
function findBaseTarget(base, head, plan) {
    const headStage = head.graph.stages[plan.target];
    const stages = base.graph.stages;
    if (headStage?.name)
        return stages.find((s) => s.key === headStage.name?.toLowerCase());
    // An unnamed target is the last stage (BuildKit can only --target a name).
    return stages[stages.length - 1];
}
/** What the base build reads: the head's cache sources, with the head's per-stage gha scopes. */
function baseCacheFrom(args) {
    const { model, plan, inputs } = args;
    return stageCache({
        cacheFrom: inputs['cache-from'],
        cacheTo: [],
        dockerfile: inputs.file,
        stage: model.graph.stages[plan.target]?.key ?? String(plan.target),
        isTarget: true,
        plannedStages: plan.stages.map((i) => model.graph.stages[i]?.key ?? String(i)),
    }).cacheFrom;
}
/** Builds and measures the target in a worktree of `sha`. */
async function buildBase(args, repo, cwd, sha) {
    const { engine, inputs, log } = args;
    // Paths as the user gave them, relative to `cwd`; the worktree mirrors the repository root.
    const prefix = (0,external_node_path_.relative)(repo, cwd);
    const inWorktree = (dir, p) => (0,external_node_path_.join)(dir, (0,external_node_path_.isAbsolute)(p) ? (0,external_node_path_.relative)(repo, p) : (0,external_node_path_.join)(prefix, p));
    return withWorktree(engine, repo, sha, async (dir) => {
        const file = inWorktree(dir, inputs.file);
        if (!(0,external_node_fs_.existsSync)(file)) {
            return {
                status: 'new-image',
                sha,
                message: `The base commit ${compare_short(sha)} has no ${inputs.file}: this is a new image, so there is no size change to report.`,
            };
        }
        let baseModel;
        try {
            baseModel = (0,load/* parseDockerfile */.Ai)((0,external_node_fs_.readFileSync)(file, 'utf8'), inputs.file, inputs['build-args']);
        }
        catch (err) {
            if (!(err instanceof errors/* UserError */.y))
                throw err;
            return {
                status: 'failed',
                sha,
                message: `The base commit's ${inputs.file} could not be read: ${err.message}`,
            };
        }
        const stage = findBaseTarget(baseModel, args.model, args.plan);
        if (!stage) {
            const name = targetStageName(args.model, args.plan);
            return {
                status: 'new-image',
                sha,
                message: `The base commit ${compare_short(sha)} has no stage '${name}' in ${inputs.file}: this is a new image, so there is no size change to report.`,
            };
        }
        log.info(`Building stage '${stage.name ?? stage.index}' of the base commit ${compare_short(sha)}...`);
        const built = await buildImage(args.docker, {
            backend: args.facts.backend,
            context: inWorktree(dir, inputs.context),
            file,
            target: stage.name ?? '',
            // The same secrets, ssh, platforms and cache settings as the head; named contexts that are
            // folders are the base commit's, like the main context.
            ...buildOptionsOf(inputs),
            buildContexts: inputs['build-contexts'].map((c) => isLocalContext(c.value) ? { ...c, value: inWorktree(dir, c.value) } : c),
            builder: inputs.builder,
            // The same caches the head's builds read, its per-stage gha scopes included; the base build must
            // not overwrite what the head exported, so it exports nothing.
            cacheFrom: baseCacheFrom(args),
            cacheTo: [],
            load: true,
            // Measured: from the file it was loaded from, where the driver exports (as the head's target).
            throughFile: loadsThroughFile(args.facts),
            cwd: (0,external_node_path_.join)(dir, prefix),
            signal: args.signal,
            onLine: (line) => log.debug(line),
        });
        return measureBuiltBase(args, built, baseModel, stage.index, sha);
    });
}
/** The base's built target, measured (from the file it was loaded from, where there is one). */
async function measureBuiltBase(args, built, baseModel, target, sha) {
    try {
        if (!built.ok || !built.imageId)
            return notBuilt(sha, built.exitCode, built.tail);
        const image = await measureImage(args.docker, built.imageId, baseModel, target, {
            scans: args.scans,
            imageStore: args.facts.imageStore,
            pair: args.pairing && { pairing: args.pairing, side: 'base' },
            archive: built.archive,
            debug: (line) => args.log.debug(line),
        });
        return { status: 'compared', sha, source: 'built', image };
    }
    finally {
        removeExport(built.archive);
    }
}
/** The comparison when the base commit's target did not build: the build's last lines say why. */
function notBuilt(sha, exitCode, lines) {
    const tail = lines
        .filter((l) => l.trim())
        .slice(-5)
        .join('\n');
    return {
        status: 'failed',
        sha,
        message: `The base commit ${compare_short(sha)} did not build (exit ${exitCode}), so there is no size change to report.${tail ? `\n${tail}` : ''}`,
    };
}
/**
 * Builds and measures the target at the base commit (or reuses a cached base report). The head's
 * measurement waits (in the layer store) until the saved report was looked up: its layer facts are
 * those of most of the head's layers.
 */
async function measureBase(args) {
    const deliver = args.scans?.layers.expect() ?? (() => undefined);
    try {
        return await measureBaseWith({ ...args, deliverLayers: deliver });
    }
    finally {
        deliver([]);
        // No base image was measured (a saved report, no base, a failed build): the head reads alone.
        args.pairing?.offer('base', undefined);
    }
}
async function measureBaseWith(args) {
    const { inputs, event } = args;
    if (!inputs.compare)
        return { status: 'disabled', message: 'compare is false' };
    const cache = args.cache ?? NO_CACHE;
    const cwd = (0,external_node_path_.resolve)(args.cwd ?? process.cwd());
    const pr = event.pullRequest;
    const ref = inputs['base-ref'] ?? pr?.baseRef;
    const wanted = inputs['base-ref'] ?? pr?.baseSha;
    if (!wanted) {
        return {
            status: 'disabled',
            message: pr
                ? 'The pull request event has no base commit; set base-ref to compare.'
                : 'Not a pull request and no base-ref: nothing to compare with.',
        };
    }
    return compareWith(args, cwd, cache, ref, wanted);
}
/**
 * The commit GitHub merged the PR onto, when HEAD is its two-parent merge (refs/pull/N/merge, what
 * actions/checkout checks out for pull_request): its first parent, the base branch's tip when GitHub
 * made the merge. `pull_request.base.sha` can be older, and comparing with it would count other PRs'
 * changes as this one's. Undefined when `base-ref` is set or HEAD is not such a merge.
 */
async function mergedOnto(args, repo) {
    const pr = args.event.pullRequest;
    if (args.inputs['base-ref'] || !pr?.headSha)
        return undefined;
    const parents = await parentsOf(args.engine, repo, 'HEAD');
    if (parents.length !== 2 || parents[1] !== pr.headSha)
        return undefined;
    if (parents[0] !== pr.baseSha)
        args.log.info(`HEAD is GitHub's merge of the pull request onto ${compare_short(parents[0])}: comparing with that commit, ` +
            `not the event's older base ${compare_short(pr.baseSha ?? '')}.`);
    return parents[0];
}
/**
 * The repository and the base commit `wanted` (a sha or ref; GitHub's merge base when HEAD is the
 * pull request's merge), fetched when the checkout lacks it. Throws GitError when git cannot.
 */
async function locateBase(args, cwd, wanted) {
    const repo = await repositoryRoot(args.engine, cwd);
    const sha = await resolveCommit(args.engine, repo, (await mergedOnto(args, repo)) ?? wanted);
    return { repo, sha };
}
async function compareWith(args, cwd, cache, ref, wanted) {
    const { inputs } = args;
    let repo;
    let sha;
    try {
        ({ repo, sha } = await locateBase(args, cwd, wanted));
    }
    catch (err) {
        if (!(err instanceof GitError))
            throw err;
        const given = inputs['base-ref'];
        // A base-ref the user wrote that names no commit is their mistake (a typo such as 'mian'), not the base's.
        if (given !== undefined)
            throw new errors/* UserError */.y(`Input 'base-ref' is '${given}', which git cannot resolve to a commit: ${err.message} ` +
                "Set it to a branch, tag or commit sha that exists in the repository (e.g. 'main'), and check out " +
                "with actions/checkout 'fetch-depth: 0' so git has it.", 'inputs');
        return {
            status: 'failed',
            ref,
            message: `${err.message} Fetch the base with actions/checkout 'fetch-depth: 0' if origin is unreachable.`,
        };
    }
    const stages = await baseStageNames(args, repo, cwd, sha);
    return { ...(await comparisonAt(args, repo, cwd, cache, sha)), ref, ...(stages ? { stages } : {}) };
}
/** The stage names of the base commit's Dockerfile (for the test gate), when it has one that parses. */
async function baseStageNames(args, repo, cwd, sha) {
    const path = (0,external_node_path_.relative)(repo, (0,external_node_path_.resolve)(cwd, args.inputs.file));
    const text = await fileAtCommit(args.engine, repo, sha, path);
    if (text === undefined)
        return undefined;
    try {
        const model = (0,load/* parseDockerfile */.Ai)(text, args.inputs.file, args.inputs['build-args']);
        return model.graph.stages.flatMap((s) => (s.name === undefined ? [] : [s.name]));
    }
    catch (err) {
        if (!(err instanceof errors/* UserError */.y))
            throw err;
        return undefined;
    }
}
/** The base's measurement at `sha`: a saved report, else built in a worktree. */
async function comparisonAt(args, repo, cwd, cache, sha) {
    const { inputs, log } = args;
    const key = baseReportKey({
        sha,
        file: inputs.file,
        target: targetStageName(args.model, args.plan),
        inputs,
        imageStore: args.facts.imageStore,
    });
    const cachedText = await cache.get(key);
    const cached = cachedText ? parseBaseReport(cachedText, sha) : undefined;
    // Before building: the base's own measurement reads the layer store too.
    args.deliverLayers?.(cached && cachedText ? parseBaseReportLayers(cachedText, sha) : []);
    if (cached) {
        log.info(`Using the saved base report for ${compare_short(sha)} (${key}).`);
        return { status: 'compared', sha, source: 'cache', image: cached };
    }
    try {
        return await buildBase(args, repo, cwd, sha);
    }
    catch (err) {
        // The base's own problems (checkout, build, measuring) are reported, not held against the PR.
        if (!(err instanceof GitError || err instanceof errors/* UserError */.y))
            throw err;
        return { status: 'failed', sha, message: err.message };
    }
}

;// CONCATENATED MODULE: ./src/image/save-pairing.ts
const other = (side) => (side === 'head' ? 'base' : 'head');
function createSavePairing() {
    const offers = new Map();
    const promised = new Map();
    for (const side of ['head', 'base']) {
        promised.set(side, new Promise((resolve) => offers.set(side, { settle: resolve, offered: false })));
    }
    const reads = new Map();
    let together;
    return {
        offer(side, image) {
            const slot = offers.get(side);
            if (!slot || slot.offered)
                return;
            slot.offered = true;
            slot.settle(image);
        },
        partnerOf: (side) => promised.get(other(side)),
        taken: (imageId) => reads.get(imageId),
        take(imageIds) {
            const settles = new Map();
            for (const id of imageIds)
                reads.set(id, new Promise((resolve) => settles.set(id, resolve)));
            return (scans) => {
                for (const [id, settle] of settles)
                    settle(scans.get(id));
                if (imageIds.length > 1 && imageIds.every((id) => scans.has(id)))
                    together = [...imageIds];
            };
        },
        readTogether: () => together,
    };
}

;// CONCATENATED MODULE: ./src/phases/context.ts

/**
 * A user's problem as data: `fallbackStep` names the phase's step unless the error knows
 * better (a Dockerfile problem found while planning keeps "dockerfile"). Anything but a UserError is
 * a bug and is thrown on.
 */
function jobErrorOf(fallbackStep, err) {
    if (!(err instanceof errors/* UserError */.y))
        throw err;
    return {
        step: err.step || fallbackStep,
        message: err.message,
        ...(err.location ? { location: err.location } : {}),
    };
}

;// CONCATENATED MODULE: ./src/phases/build-and-measure.ts
/**
 * Phase 3, build and measure: the head's stage builds and test gate, the target's measurement and
 * each stage's size, and the base commit's build and measurement, all against one builder. The base
 * needs nothing from the head, so both run at once (the builder runs the steps they share once).
 * `alongside` is this process's own work (the lint), run once the builds have started.
 */







function attempt(step, work) {
    return work.then((value) => ({ value }), (err) => ({ error: jobErrorOf(step, err) }));
}
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const errorsOf = (...attempts) => attempts.flatMap((a) => (a?.error ? [a.error] : []));
/** The target's measurement and every built stage's size, looked up at once. */
async function measureHead(ctx, model, plan, outcome, pairing) {
    const stageSizes = attempt('build', measureStageImages(ctx.docker, outcome.builds, outcome.engine.imageStore));
    const target = outcome.targetImage;
    const image = target === undefined
        ? undefined
        : await attempt('size', ctx.runner.group('Measure image', () => measureImage(ctx.docker, target, model, plan.target, {
            scans: ctx.scans,
            imageStore: outcome.engine.imageStore,
            pair: { pairing, side: 'head' },
            archive: outcome.targetArchive,
            debug: (line) => ctx.runner.debug(line),
        })));
    return { builds: await stageSizes, image };
}
/**
 * Starts the head's builds and the base's at once. The head offers its target to the base's
 * measurement as soon as it is built, so that one `docker save` reads both (image/save-pairing.ts).
 */
function startBuilds(ctx, start, model, plan, facts, pairing) {
    const { runner, engine, docker } = ctx;
    const { inputs, event } = start;
    const base = attempt('base', measureBase({
        engine,
        docker,
        log: runner,
        inputs,
        event,
        model,
        plan,
        facts,
        cache: ctx.cache,
        scans: ctx.scans,
        pairing,
        signal: ctx.signal,
    }));
    const baseImage = model.graph.stages[plan.target] ? targetChain(model, plan.target).baseImage : 'scratch';
    // A target loaded from its own export is measured from that file: there is no save to share.
    const onTargetBuilt = (imageId, archive) => pairing.offer('head', imageId === undefined || archive !== undefined || ctx.signal.aborted
        ? undefined
        : { imageId, baseImage });
    const head = attempt('build', runner.group('Build stages', () => executePlan(docker, runner, plan, model, inputs, { engine: facts, signal: ctx.signal, onTargetBuilt })));
    return { base, head };
}
/** The job's cancellation as the report's error: what was known is published, and the step fails. */
function cancellation(signal) {
    if (!signal.aborted)
        return [];
    const why = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'cancelled');
    return [
        {
            step: 'cancelled',
            message: `The run was cancelled (${why}) before it finished: builds and the test run were stopped, and this report says what was known by then.`,
        },
    ];
}
async function buildAndMeasure(ctx, start, planned, alongside) {
    const { model } = start;
    const { plan } = planned;
    if (!model || !plan)
        return { measured: { errors: [] }, alongside: alongside() };
    const prepared = await attempt('build', prepareBuilder(ctx.docker, ctx.runner, start.inputs));
    if (prepared.error)
        return { measured: { errors: [prepared.error] }, alongside: alongside() };
    const pairing = createSavePairing();
    const { base, head } = startBuilds(ctx, start, model, plan, prepared.value, pairing);
    // Lint once the builds' processes have started (one turn of the event loop), not before.
    await nextTurn();
    const alongsideResult = alongside();
    const built = await head;
    // A head that did not build (or was cancelled) measures nothing: the base's measurement reads alone.
    if (!built.value?.targetImage || ctx.signal.aborted)
        pairing.offer('head', undefined);
    let sized;
    try {
        sized =
            built.value && !ctx.signal.aborted
                ? await measureHead(ctx, model, plan, built.value, pairing)
                : undefined;
    }
    finally {
        removeExport(built.value?.targetArchive);
    }
    const outcome = built.value && sized?.builds.value ? { ...built.value, builds: sized.builds.value } : built.value;
    const compared = await ctx.runner.group('Compare with base', () => base);
    const together = pairing.readTogether();
    if (together)
        ctx.runner.debug(`Measured the head's and the base's images from one docker save: ${together.join(' ')}`);
    return {
        measured: {
            engine: prepared.value,
            outcome,
            image: sized?.image?.value,
            // A base-ref that names no commit is an input error; the report says there was no comparison.
            base: compared.value ??
                (compared.error
                    ? {
                        status: 'disabled',
                        message: `there is no base to compare with (${compared.error.step} error below)`,
                    }
                    : undefined),
            errors: [
                ...errorsOf(built, sized?.builds, sized?.image, compared),
                ...(built.value?.errors ?? []),
                ...cancellation(ctx.signal),
            ],
        },
        alongside: alongsideResult,
    };
}

;// CONCATENATED MODULE: ./src/image/units.ts
/** Byte sizes as users write them in budgets: SI units are powers of 1000, IEC units powers of 1024. */
const UNITS = {
    b: 1,
    kb: 1e3,
    mb: 1e6,
    gb: 1e9,
    tb: 1e12,
    k: 1e3,
    m: 1e6,
    g: 1e9,
    t: 1e12,
    kib: 1024,
    mib: 1024 ** 2,
    gib: 1024 ** 3,
    tib: 1024 ** 4,
};
/** Parses `200MB`, `1.5GiB`, `3145728` (bytes). Returns undefined when the text is not a size. */
function parseByteSize(text) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
    if (!m)
        return undefined;
    const unit = m[2].toLowerCase() || 'b';
    const factor = UNITS[unit];
    if (factor === undefined)
        return undefined;
    return Math.round(Number(m[1]) * factor);
}
/**
 * Formats bytes for people: `212.4 MB`, `3.15 MB`, `950 B` (SI, as `docker images` shows sizes).
 * Four significant digits at most, so a budget message shows why 200.4 MB is over 200MB.
 */
function formatBytes(bytes) {
    const sign = bytes < 0 ? '-' : '';
    let n = Math.abs(bytes);
    if (n < 1000)
        return `${sign}${n} B`;
    const units = ['kB', 'MB', 'GB', 'TB'];
    let i = -1;
    while (n >= 1000 && i < units.length - 1) {
        n /= 1000;
        i++;
    }
    return `${sign}${n.toFixed(n >= 10 ? 1 : 2)} ${units[i]}`;
}
/** `212,400,000`: exact byte counts next to the rounded figure. */
function formatByteCount(bytes) {
    return Math.round(bytes).toLocaleString('en-US');
}

;// CONCATENATED MODULE: ./src/image/budgets.ts

const both = (bytes) => `${formatBytes(bytes)} (${formatByteCount(bytes)} bytes)`;
/** `5`, `2.5`, `0.25%` as an exact fraction numerator/denominator (both integers). */
function percentFraction(raw, fallback) {
    const m = /^\s*(\d+)(?:\.(\d+))?\s*%\s*$/.exec(raw);
    if (!m) {
        // Not from readInputs (a hand-made Inputs); 1e6 keeps six decimals of the number given.
        return { num: BigInt(Math.round(fallback * 1e6)), den: 1000000n };
    }
    const decimals = m[2] ?? '';
    return { num: BigInt(m[1] + decimals), den: 10n ** BigInt(decimals.length) };
}
function formatPercentFigure(p) {
    return `${p >= 0 ? '+' : ''}${p.toFixed(Math.abs(p) < 1 ? 3 : 2)}%`;
}
/** A max-size-increase budget that could not be checked: it passes, marked skipped, saying why. */
function increaseNotChecked(limit, unit, why) {
    return {
        name: 'max-size-increase',
        limit,
        measured: 0,
        unit,
        passed: true,
        skipped: true,
        message: `max-size-increase ${limit} was not checked: ${why}.`,
    };
}
function checkMaxSize(budget, image) {
    const passed = image.size <= budget.bytes;
    const message = passed
        ? `Image is ${both(image.size)}, within max-size ${budget.raw}.`
        : `Image is ${both(image.size)}, over max-size ${budget.raw} (${formatByteCount(budget.bytes)} bytes) by ${both(image.size - budget.bytes)}.`;
    return { name: 'max-size', limit: budget.raw, measured: image.size, unit: 'bytes', passed, message };
}
function checkMaxIncrease(budget, base, delta, 
/** Why there is no base image, when something went wrong (e.g. the base commit failed to build). */
baseProblem) {
    const percentBudget = budget.percent !== undefined;
    const unit = percentBudget ? 'percent' : 'bytes';
    if (!delta || !base) {
        return increaseNotChecked(budget.raw, unit, baseProblem ?? 'there is no base image to compare with');
    }
    const growth = `${delta.size >= 0 ? 'grew' : 'shrank'} by ${both(Math.abs(delta.size))}`;
    if (percentBudget && base.size === 0) {
        return increaseNotChecked(budget.raw, unit, 'the base image is empty, so growth has no percentage');
    }
    if (percentBudget) {
        const { num, den } = percentFraction(budget.raw, budget.percent ?? 0);
        // delta / base * 100 <= num / den  <=>  delta * 100 * den <= num * base (base > 0).
        const passed = BigInt(delta.size) * 100n * den <= num * BigInt(base.size);
        const measured = (delta.size / base.size) * 100;
        const figure = formatPercentFigure(measured);
        const message = passed
            ? `Image ${growth} (${figure}), within max-size-increase ${budget.raw}.`
            : `Image ${growth} (${figure}) since the base, over max-size-increase ${budget.raw}.`;
        return { name: 'max-size-increase', limit: budget.raw, measured, unit, passed, message };
    }
    const limit = budget.bytes ?? 0;
    const passed = delta.size <= limit;
    const message = passed
        ? `Image ${growth}, within max-size-increase ${budget.raw}.`
        : `Image ${growth} since the base, over max-size-increase ${budget.raw} (${formatByteCount(limit)} bytes).`;
    return { name: 'max-size-increase', limit: budget.raw, measured: delta.size, unit, passed, message };
}
/** Checks the budgets the user set; a budget that was not set gives no result. */
function evaluateBudgets(inputs, image, base, delta, 
/** Why there is no base image, when something went wrong: then a skipped budget is a warning, not a pass. */
baseProblem) {
    const results = [];
    const maxSize = inputs['max-size'];
    if (maxSize) {
        results.push(image
            ? checkMaxSize(maxSize, image)
            : {
                name: 'max-size',
                limit: maxSize.raw,
                measured: 0,
                unit: 'bytes',
                passed: true,
                skipped: true,
                message: `max-size ${maxSize.raw} was not checked: the image was not measured.`,
            });
    }
    const increase = inputs['max-size-increase'];
    if (increase)
        results.push(checkMaxIncrease(increase, base, delta, baseProblem));
    return results;
}

;// CONCATENATED MODULE: ./src/image/packages/diff.ts
/** Splits into digit and non-digit runs; `~` sorts before everything (dpkg's rule), even the end. */
function compareRuns(a, b) {
    const runs = (s) => s.match(/\d+|[^\d]+/g) ?? [];
    const ra = runs(a);
    const rb = runs(b);
    for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
        const x = ra[i];
        const y = rb[i];
        if (x === y)
            continue;
        if (x === undefined)
            return y.startsWith('~') ? 1 : -1;
        if (y === undefined)
            return x.startsWith('~') ? -1 : 1;
        const nx = /^\d/.test(x);
        const ny = /^\d/.test(y);
        if (nx && ny) {
            const d = Number(x) - Number(y);
            if (d !== 0)
                return d < 0 ? -1 : 1;
            continue;
        }
        if (x.startsWith('~') !== y.startsWith('~'))
            return x.startsWith('~') ? -1 : 1;
        if (nx !== ny)
            return nx ? 1 : -1;
        return x < y ? -1 : 1;
    }
    return 0;
}
/** Orders versions as package managers mostly do (an `epoch:` first, then runs); 0 when equal. */
function compareVersions(a, b) {
    const epoch = (v) => {
        const m = /^(\d+):(.*)$/.exec(v);
        return m ? [Number(m[1]), m[2]] : [0, v];
    };
    const [ea, va] = epoch(a);
    const [eb, vb] = epoch(b);
    if (ea !== eb)
        return ea < eb ? -1 : 1;
    return compareRuns(va, vb);
}
function originOf(layers, p) {
    const l = layers[p.layer];
    return {
        layer: p.layer,
        ...(l?.instruction ? { instruction: l.instruction } : {}),
        ...(l?.baseImage ? { baseImage: l.baseImage } : {}),
    };
}
function changed(base, head, layers) {
    if (base.version === head.version)
        return undefined;
    return {
        ecosystem: head.ecosystem,
        name: head.name,
        change: compareVersions(base.version, head.version) <= 0 ? 'upgraded' : 'downgraded',
        baseVersion: base.version,
        headVersion: head.version,
        ...(base.size !== undefined ? { baseSize: base.size } : {}),
        ...(head.size !== undefined ? { headSize: head.size } : {}),
        sizeDelta: (head.size ?? 0) - (base.size ?? 0),
        path: head.path,
        ...originOf(layers, head),
    };
}
/** Pairs the two lists by `key`, removing the pairs from both; returns the pairs. */
function pairBy(base, head, key) {
    const byKey = new Map();
    for (const p of base)
        byKey.set(key(p), [...(byKey.get(key(p)) ?? []), p]);
    const pairs = [];
    const unpairedHead = [];
    for (const h of head) {
        const match = byKey.get(key(h))?.shift();
        if (match)
            pairs.push([match, h]);
        else
            unpairedHead.push(h);
    }
    const paired = new Set(pairs.map(([b]) => b));
    base.splice(0, base.length, ...base.filter((p) => !paired.has(p)));
    head.splice(0, head.length, ...unpairedHead);
    return pairs;
}
/** What changed, the largest size change first; undefined when either side has no package list. */
function diffPackages(base, head) {
    if (!base.contents || !head.contents)
        return undefined;
    const left = [...base.contents.packages];
    const right = [...head.contents.packages];
    const pairs = [
        ...pairBy(left, right, (p) => `${p.ecosystem}\u0000${p.name}\u0000${p.path}`),
        ...pairBy(left, right, (p) => `${p.ecosystem}\u0000${p.name}`),
    ];
    const changes = pairs.flatMap(([b, h]) => changed(b, h, head.layers) ?? []);
    for (const h of right) {
        changes.push({
            ecosystem: h.ecosystem,
            name: h.name,
            change: 'added',
            headVersion: h.version,
            ...(h.size !== undefined ? { headSize: h.size } : {}),
            sizeDelta: h.size ?? 0,
            path: h.path,
            ...originOf(head.layers, h),
        });
    }
    for (const b of left) {
        changes.push({
            ecosystem: b.ecosystem,
            name: b.name,
            change: 'removed',
            baseVersion: b.version,
            ...(b.size !== undefined ? { baseSize: b.size } : {}),
            sizeDelta: -(b.size ?? 0),
            path: b.path,
            ...originOf(base.layers, b),
        });
    }
    return changes.sort((a, b) => Math.abs(b.sizeDelta) - Math.abs(a.sizeDelta) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        (a.path < b.path ? -1 : 1));
}

;// CONCATENATED MODULE: ./src/image/delta.ts


/** Changes strictly below this many bytes (disk and compressed) count as unchanged. */
const NOISE_BYTES = 1024;
const percent = (delta, base) => (base === 0 ? null : (delta / base) * 100);
function delta_verdict(delta, compressedDelta) {
    if (Math.abs(delta) < NOISE_BYTES && Math.abs(compressedDelta) < NOISE_BYTES)
        return 'unchanged';
    // Disk bytes decide the direction; compressed bytes only when disk bytes are within noise.
    const d = Math.abs(delta) >= NOISE_BYTES ? delta : compressedDelta;
    return d > 0 ? 'grew' : 'shrank';
}
const delta_normalize = (text) => text.replace(/\s+/g, ' ').trim();
/** What makes two layers "the same step": stage and instruction text, or docker's created_by. */
function delta_layerKey(layer) {
    if (layer.instruction)
        return `${layer.instruction.stage}\u0000${delta_normalize(layer.instruction.text)}`;
    return `?\u0000${delta_normalize(layer.createdBy)}`;
}
/** The instruction keyword (RUN, COPY...) or docker's created_by first word: the kind of step. */
function layerKind(layer) {
    const text = layer.instruction?.text ?? layer.createdBy.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '');
    return `${layer.instruction?.stage ?? '?'}\u0000${(/^\s*(\S+)/.exec(text)?.[1] ?? '').toUpperCase()}`;
}
function pairRow(base, head) {
    const same = base.diffId !== '' && base.diffId === head.diffId;
    const delta = same ? 0 : head.size - base.size;
    const compressedDelta = same ? 0 : head.compressedSize - base.compressedSize;
    return {
        instruction: head.instruction,
        createdBy: head.createdBy,
        baseSize: base.size,
        headSize: head.size,
        delta,
        compressedDelta,
        change: same ? 'unchanged' : delta_verdict(delta, compressedDelta),
    };
}
const addedRow = (head) => ({
    instruction: head.instruction,
    createdBy: head.createdBy,
    headSize: head.size,
    delta: head.size,
    compressedDelta: head.compressedSize,
    change: 'added',
});
const removedRow = (base) => ({
    instruction: base.instruction,
    createdBy: base.createdBy,
    baseSize: base.size,
    delta: -base.size,
    compressedDelta: -base.compressedSize,
    change: 'removed',
});
/** Longest common subsequence of keys: the pairs (base index, head index) that are the same step. */
function alignByKey(base, head) {
    const n = base.length;
    const m = head.length;
    const table = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
            table[i][j] =
                base[i] === head[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
        }
    }
    const pairs = [];
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
        if (base[i] === head[j]) {
            pairs.push([i, j]);
            i++;
            j++;
        }
        else if (table[i + 1][j] >= table[i][j + 1])
            i++;
        else
            j++;
    }
    return pairs;
}
/** Rows for a stretch of layers between two matched steps: edited steps pair up by kind, in order. */
function gapRows(base, head) {
    const rows = [];
    let b = 0;
    for (const h of head) {
        const k = base.findIndex((l, idx) => idx >= b && layerKind(l) === layerKind(h));
        if (k === -1) {
            rows.push(addedRow(h));
            continue;
        }
        for (; b < k; b++)
            rows.push(removedRow(base[b]));
        rows.push(pairRow(base[k], h));
        b = k + 1;
    }
    for (; b < base.length; b++)
        rows.push(removedRow(base[b]));
    return rows;
}
function baseImageRow(base, head) {
    const label = head[0]?.baseImage ?? base[0]?.baseImage;
    if (!label)
        return { changed: false };
    const ids = (ls) => ls.map((l) => l.diffId).join(',');
    const changed = ids(base) !== ids(head) || base[0]?.baseImage !== head[0]?.baseImage;
    const sum = (ls, f) => ls.reduce((t, l) => t + f(l), 0);
    const baseSize = sum(base, (l) => l.size);
    const headSize = sum(head, (l) => l.size);
    const delta = changed ? headSize - baseSize : 0;
    const compressedDelta = changed
        ? sum(head, (l) => l.compressedSize) - sum(base, (l) => l.compressedSize)
        : 0;
    const fromTo = base[0]?.baseImage && head[0]?.baseImage && base[0].baseImage !== head[0].baseImage
        ? `${base[0].baseImage} -> ${head[0].baseImage}`
        : label;
    const row = {
        baseImage: label,
        createdBy: `base image ${fromTo}`,
        baseSize: base.length ? baseSize : undefined,
        headSize: head.length ? headSize : undefined,
        delta,
        compressedDelta,
        change: !base.length
            ? 'added'
            : !head.length
                ? 'removed'
                : changed
                    ? delta_verdict(delta, compressedDelta)
                    : 'unchanged',
    };
    return { row, changed };
}
/** Per-layer rows in the head's order (removed layers where they used to be). */
function diffLayers(base, head) {
    const isBase = (l) => l.baseImage !== undefined;
    const { row, changed } = baseImageRow(base.filter(isBase), head.filter(isBase));
    const baseOwn = base.filter((l) => !isBase(l));
    const headOwn = head.filter((l) => !isBase(l));
    const pairs = alignByKey(baseOwn.map(delta_layerKey), headOwn.map(delta_layerKey));
    const layers = row ? [row] : [];
    let b = 0;
    let h = 0;
    for (const [bi, hi] of [...pairs, [baseOwn.length, headOwn.length]]) {
        layers.push(...gapRows(baseOwn.slice(b, bi), headOwn.slice(h, hi)));
        if (bi < baseOwn.length && hi < headOwn.length)
            layers.push(pairRow(baseOwn[bi], headOwn[hi]));
        b = bi + 1;
        h = hi + 1;
    }
    return { layers, baseImageChanged: changed };
}
function computeDelta(head, base) {
    const size = head.size - base.size;
    const compressedSize = head.compressedSize - base.compressedSize;
    const { layers, baseImageChanged } = diffLayers(base.layers, head.layers);
    const packages = diffPackages(base, head);
    const files = diffLargestFiles(base, head);
    return {
        size,
        sizePercent: percent(size, base.size),
        compressedSize,
        compressedPercent: percent(compressedSize, base.compressedSize),
        unchanged: Math.abs(size) < NOISE_BYTES && Math.abs(compressedSize) < NOISE_BYTES,
        baseImageChanged,
        layers,
        ...(packages ? { packages } : {}),
        ...(files ? { files } : {}),
    };
}

// EXTERNAL MODULE: ./src/model.ts
var src_model = __webpack_require__(182);
;// CONCATENATED MODULE: ./src/phases/judge.ts
/**
 * Phase 4, judge: the size change, the budgets, and every reason the step fails: the errors the
 * phases before carried, failed stages, the test gate, budgets, and findings at or above `fail-on`
 * (the pull request's new ones, unless `fail-on-existing-findings`).
 * Pure: data in, verdict out.
 */



/**
 * The test gate's verdict when the PR deleted the test stage: the base commit's Dockerfile has the
 * stage the gate looks for and this one does not. Without this, deleting the tests passes the gate.
 * `test-stage: ''` turns the gate off on purpose, and then nothing is checked.
 */
function deletedTestStage(start, planned, base) {
    const wanted = start.inputs['test-stage'];
    const plan = planned.plan;
    if (wanted === undefined || !plan || plan.testStage !== undefined || !base?.stages)
        return undefined;
    const inBase = base.stages.find((s) => s.toLowerCase() === wanted.toLowerCase());
    if (!inBase)
        return undefined;
    return {
        stage: wanted,
        result: 'failed',
        reason: `the base commit's ${start.inputs.file} has the test stage '${inBase}', and this commit's has none: deleting it would turn the test gate off. ` +
            `Restore the stage, or set 'test-stage' to the stage that runs the tests now (test-stage: '' turns the gate off on purpose).`,
    };
}
function buildFailures(measured) {
    const outcome = measured.outcome;
    if (!outcome)
        return [];
    // A failing test stage is reported once, as the test failure.
    const stages = outcome.builds
        .filter((b) => b.status === 'failed' && b.stage !== outcome.test.stage)
        .map((b) => `Stage '${b.stage}' failed to build.`);
    const test = outcome.test.result === 'failed' ? [`Test stage '${outcome.test.stage}' failed.`] : [];
    return [...stages, ...test];
}
function judgeJob(start, planned, linted, measured) {
    const errors = [...start.errors, ...planned.errors, ...linted.errors, ...measured.errors];
    const { image, base } = measured;
    const delta = image && base?.status === 'compared' && base.image ? computeDelta(image, base.image) : undefined;
    const baseProblem = base?.status === 'failed'
        ? 'the base commit failed to build, so there is no base image to compare with'
        : undefined;
    const budgets = evaluateBudgets(start.inputs, image, base?.image, delta, baseProblem);
    const deleted = deletedTestStage(start, planned, base);
    const failOn = start.inputs['fail-on'];
    const failOnExisting = start.inputs['fail-on-existing-findings'];
    const failing = (0,src_model/* findingsFailingOn */.EF)((0,src_model/* judgedFindings */.II)(linted.findings, failOnExisting), failOn);
    const which = linted.baseline?.sha !== undefined && !failOnExisting ? 'new ' : '';
    const failures = [
        ...errors.map((e) => e.message),
        ...buildFailures(measured),
        ...(deleted ? [`Test stage '${deleted.stage}' was deleted: ${deleted.reason}`] : []),
        ...budgets.filter((b) => !b.passed).map((b) => b.message),
        ...(failing.length ? [`${failing.length} ${which}finding(s) at or above fail-on '${failOn}'.`] : []),
    ];
    return { errors, delta, budgets, failures, ...(deleted ? { test: deleted } : {}) };
}

;// CONCATENATED MODULE: ./src/baseline/base-dockerfile.ts
/**
 * The base commit's Dockerfile as text, for linting it too (which findings did the pull request
 * bring?). Read with `git show` at the commit (no worktree, no build), so it works when the base
 * build is skipped (`compare: false`, no engine) or fails. Every git command goes through the engine
 * seam.
 *
 * Which commit: the one the size comparison used when it found one (so both compare with the same
 * commit, and the base is fetched once); else, when the comparison did not look for one (it is off,
 * or the job ended before building), the same choice it would make: `base-ref`, else GitHub's merge
 * base or `pull_request.base.sha`. Only on a pull request: on a push every finding is the commit's
 * own.
 *
 * A saved base report is not used for this: its findings would be those of the config of the run
 * that saved it, and one `git show` costs little.
 */




async function commitToRead(args, cwd) {
    const { inputs, event, compared } = args;
    const pr = event.pullRequest;
    if (!pr)
        return { reason: 'not a pull request, so every finding is this commit’s own' };
    if (compared?.sha)
        return { repo: await repositoryRoot(args.engine, cwd), sha: compared.sha };
    // The size comparison looked for the base commit and found none: it said why.
    if (inputs.compare && compared)
        return { reason: compared.message ?? 'there is no base commit to compare with' };
    const wanted = inputs['base-ref'] ?? pr.baseSha;
    if (!wanted)
        return { reason: 'the pull request event has no base commit' };
    return locateBase(args, cwd, wanted);
}
async function readBaseDockerfile(args) {
    const cwd = (0,external_node_path_.resolve)(args.cwd ?? process.cwd());
    let commit;
    try {
        commit = await commitToRead(args, cwd);
    }
    catch (err) {
        if (!(err instanceof GitError || err instanceof errors/* UserError */.y))
            throw err;
        return { status: 'none', reason: `the base commit could not be read (${err.message})` };
    }
    if ('reason' in commit)
        return { status: 'none', reason: commit.reason };
    const path = (0,external_node_path_.relative)(commit.repo, (0,external_node_path_.resolve)(cwd, args.inputs.file));
    const text = await fileAtCommit(args.engine, commit.repo, commit.sha, path);
    return text === undefined
        ? { status: 'absent', sha: commit.sha }
        : { status: 'read', sha: commit.sha, text };
}

// EXTERNAL MODULE: ./src/dockerfile/instruction-text.ts
var instruction_text = __webpack_require__(8548);
;// CONCATENATED MODULE: ./src/baseline/findings.ts
/**
 * Which findings a pull request brought: each of the head's findings is `existing` when the base
 * commit's Dockerfile has the same finding, else `new`. Pure: findings and models in, findings out.
 *
 * Matching is by rule, stage name and instruction text (whitespace and line continuations
 * normalised, the keyword upper-cased), never by line number: a line added above an old finding
 * must not make it new. It is a multiset match: an instruction that is in the base once and in the
 * head twice gives one existing finding and one new one (the later one, in line order). A finding
 * on no instruction (e.g. in `.dockerignore`) is matched by rule, file and message.
 */



/** The instruction a 1-based line belongs to, as text and with its stage's name (if it has one). */
function instructionAt(model, line) {
    const at = (0,instruction_text/* instructionTextAt */.R)(model, line);
    if (!at)
        return undefined;
    return { stage: model.graph.stages[at.stage]?.name?.toLowerCase() ?? '', text: at.text };
}
/** What a finding is matched by: the same key in base and head is the same finding. */
function findingKey(finding, model) {
    const at = finding.file === model.file ? instructionAt(model, finding.line) : undefined;
    if (!at)
        return JSON.stringify(['file', finding.rule, finding.file, finding.message]);
    return JSON.stringify(['instruction', finding.rule, at.stage, at.text]);
}
/**
 * The head's findings, each marked `new` or `existing` against the base's; with no base (a push, no
 * base commit, or a base without this Dockerfile) every one is new. A finding said once for repeats
 * (`alsoAt`) counts once per line it stands for, in both files: when the base has fewer of them, the
 * finding is split into its existing lines (the first ones) and its new ones.
 */
function markBaseline(head, base) {
    const available = new Map();
    if (base) {
        for (const f of base.findings) {
            const key = findingKey(f, base.model);
            available.set(key, (available.get(key) ?? 0) + (0,src_model/* findingLines */.hq)(f).length);
        }
    }
    const inLineOrder = head.findings
        .map((finding, index) => ({ finding, index }))
        .sort((a, b) => a.finding.line - b.finding.line || a.index - b.index);
    const marked = new Map();
    for (const { finding, index } of inLineOrder) {
        const key = findingKey(finding, head.model);
        const lines = (0,src_model/* findingLines */.hq)(finding);
        const left = available.get(key) ?? 0;
        const existing = Math.min(left, lines.length);
        if (left > 0)
            available.set(key, left - existing);
        marked.set(index, [
            ...(existing > 0 ? [atLines(finding, lines.slice(0, existing), 'existing', head.model)] : []),
            ...(existing < lines.length ? [atLines(finding, lines.slice(existing), 'new', head.model)] : []),
        ]);
    }
    return head.findings.flatMap((f, i) => marked.get(i) ?? [{ ...f, baseline: 'new' }]);
}
/** The finding at the first of `lines` (the others its repeats), marked. */
function atLines(finding, lines, baseline, model) {
    const [line, ...rest] = lines;
    const one = { ...finding, baseline };
    delete one.alsoAt;
    if (rest.length > 0)
        one.alsoAt = rest;
    if (line !== finding.line) {
        delete one.column;
        one.line = line;
        one.endLine = model.instructions.find((i) => i.line === line)?.endLine ?? line;
    }
    return one;
}
/** The counts the report keeps, with the base commit compared or why nothing was. */
function baselineSummary(findings, compared) {
    const existing = findings.filter((f) => f.baseline === 'existing').length;
    return { ...compared, new: findings.length - existing, existing };
}

// EXTERNAL MODULE: ./src/rules/lint.ts + 3 modules
var lint = __webpack_require__(3973);
;// CONCATENATED MODULE: ./src/phases/lint.ts
/**
 * The findings: the Dockerfile linted against the plan (which stage ships, which is the test). It is
 * this process's CPU work, so the build phase runs it while the engine builds. Then
 * `compareFindingsWithBase` lints the base commit's Dockerfile the same way and marks each finding
 * new or existing (baseline/findings.ts), so that the comment leads with the pull request's own.
 */






function lintWithSetup(onNotice, start, model, plan, shellcheck) {
    const { inputs } = start;
    const setup = (0,lint/* loadLintSetup */.zv)({ config: inputs.config, context: inputs.context, file: inputs.file });
    const { findings, notices, notes } = (0,lint/* runLint */.nU)(model, {
        ...setup.options,
        target: plan?.target,
        testStage: plan?.testStage,
        builtStages: plan?.stages,
        shellcheck,
    });
    for (const message of notices)
        onNotice(message);
    return { findings, notes };
}
function lintJob(runner, start, planned, shellcheck) {
    const { model } = start;
    if (!model)
        return { findings: [], errors: [] };
    try {
        const notice = (message) => runner.warning(message, { title: 'stagegate: internal' });
        const { findings, notes } = lintWithSetup(notice, start, model, planned.plan, shellcheck);
        return { findings, errors: [], ...(notes.length ? { notes } : {}) };
    }
    catch (err) {
        return { findings: [], errors: [jobErrorOf('findings', err)] };
    }
}
/**
 * The head's plan in the base's stages, by stage name (indexes shift when a stage is added). An
 * unnamed target is the last stage, as in the base's build.
 */
function basePlanOf(head, base, plan) {
    const inBase = (index) => {
        const key = index === undefined ? undefined : head.graph.stages[index]?.name?.toLowerCase();
        const found = key === undefined ? -1 : base.graph.stages.findIndex((s) => s.key === key);
        return found < 0 ? undefined : found;
    };
    const last = base.graph.stages.length - 1;
    return {
        target: inBase(plan?.target) ?? last,
        testStage: inBase(plan?.testStage),
        stages: (plan?.stages ?? []).flatMap((i) => {
            const j = inBase(i);
            return j === undefined ? [] : [j];
        }),
    };
}
/** The base's findings under the head's config, or why there are none to compare with. */
function lintBase(runner, start, planned, head, read) {
    const { inputs } = start;
    if (read.status === 'none')
        return { reason: read.reason };
    if (read.status === 'absent')
        return { reason: `the base commit ${read.sha.slice(0, 7)} has no ${inputs.file}` };
    let model;
    try {
        model = (0,load/* parseDockerfile */.Ai)(read.text, inputs.file, inputs['build-args']);
    }
    catch (err) {
        if (!(err instanceof errors/* UserError */.y))
            throw err;
        return { reason: `the base commit's ${inputs.file} could not be read (${err.message})` };
    }
    const plan = basePlanOf(head, model, planned.plan);
    // Its rule notices are the head's too, or about a file this pull request replaced: debug only.
    const notice = (message) => runner.debug(`Linting the base commit's Dockerfile: ${message}`);
    // ShellCheck is not run again here: its findings on the base would only be matched away.
    return { model, findings: lintWithSetup(notice, start, model, plan).findings, sha: read.sha };
}
/**
 * Marks each finding new or existing against the base commit's Dockerfile (on a pull request; on a
 * push, or without a base, all are new). Never fails the job: without a base, all are new.
 */
async function compareFindingsWithBase(ctx, start, planned, linted, measured) {
    const { model, inputs, event } = start;
    if (!model || linted.errors.length)
        return linted;
    const read = start.badInputs
        ? { status: 'none', reason: 'an input is wrong, so the base commit was not read' }
        : await readBaseDockerfile({
            engine: ctx.engine,
            log: ctx.runner,
            inputs,
            event,
            compared: measured.base,
        });
    const base = lintBase(ctx.runner, start, planned, model, read);
    if ('reason' in base) {
        ctx.runner.debug(`Every finding counts as new: ${base.reason}.`);
        const findings = markBaseline({ model, findings: linted.findings }, undefined);
        return { ...linted, findings, baseline: baselineSummary(findings, { reason: base.reason }) };
    }
    const findings = markBaseline({ model, findings: linted.findings }, base);
    return { ...linted, findings, baseline: baselineSummary(findings, { sha: base.sha }) };
}

;// CONCATENATED MODULE: ./src/phases/plan.ts
/**
 * Phase 2, plan: which stages to build, the target and the test stage (build/plan.ts decides). No
 * plan without a Dockerfile, when an input was bad, or when BuildKit would refuse the file (two
 * stages of one name: linted, never built).
 */



function planJob(start) {
    if (!start.model || start.badInputs)
        return { errors: [] };
    try {
        (0,load/* refuseDuplicateStageNames */.Yf)(start.model);
    }
    catch (err) {
        // The lint still runs (it reports DuplicateStageName); only the build is refused.
        return { errors: [jobErrorOf('dockerfile', err)] };
    }
    try {
        return { plan: (0,build_plan/* planBuilds */.zu)(start.model, start.inputs), errors: [] };
    }
    catch (err) {
        return { errors: [jobErrorOf('inputs', err)] };
    }
}

;// CONCATENATED MODULE: ./src/baseline/save.ts

const save_short = (sha) => sha.slice(0, 7);
async function save(request, sha, image) {
    const key = baseReportKey({
        sha,
        file: request.inputs.file,
        target: request.target,
        inputs: request.inputs,
        imageStore: request.imageStore,
    });
    const facts = [];
    for (const diffId of new Set(image.layers.map((l) => l.diffId))) {
        const known = diffId ? await request.layers?.get(diffId) : undefined;
        if (known)
            facts.push(known);
    }
    const saved = await request.cache.put(key, serializeBaseReport(sha, image, facts));
    request.log.debug(saved ? `Saved the base report for ${save_short(sha)} as ${key}.` : `Did not save a base report (${key}).`);
    return saved;
}
async function saveBaseReports(request) {
    const { event, head, base } = request;
    const own = !event.pullRequest && head !== undefined && event.sha ? save(request, event.sha, head) : false;
    const builtBase = base?.status === 'compared' && base.source === 'built' && base.image && base.sha && base.sha !== event.sha
        ? save(request, base.sha, base.image)
        : false;
    const [savedOwn, savedBase] = await Promise.all([own, builtBase]);
    return { own: savedOwn, base: savedBase };
}

;// CONCATENATED MODULE: ./src/report/annotations.ts
/**
 * GitHub annotations for the job's errors and the findings, on the Dockerfile's lines. Pure: data in,
 * annotation data out; the runner seam turns them into `core.error/warning/notice`. GitHub shows at
 * most ANNOTATIONS_PER_LEVEL of each level per step, so only those are emitted (`selectAnnotations`):
 * errors first, then by file and line. The Markdown says how many there are in all.
 */


const LEVELS = ['error', 'warning', 'notice'];
function annotationsFor(findings) {
    return findings.map((f) => ({
        level: f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice',
        message: `${f.message}${(0,src_model/* moreLinesText */.O6)(f)} ${f.docs}`,
        props: {
            title: `${f.rule} (${f.severity})`,
            file: f.file,
            startLine: f.line,
            endLine: f.endLine,
            // GitHub takes a column only for a one-line annotation.
            ...(f.column !== undefined && f.line === f.endLine ? { startColumn: f.column } : {}),
        },
    }));
}
function errorAnnotations(errors) {
    return errors.map((e) => ({
        level: 'error',
        message: e.message,
        props: { title: `stagegate: ${e.step}`, file: e.location?.file, startLine: e.location?.line },
    }));
}
/**
 * The annotations GitHub will show: up to `perLevel` of each level, errors first, then by file and
 * line (the job's own errors, which come first in `all`, before findings on the same line).
 */
function selectAnnotations(all, perLevel = ANNOTATIONS_PER_LEVEL) {
    const order = all.map((a, i) => ({ a, i }));
    order.sort((x, y) => LEVELS.indexOf(x.a.level) - LEVELS.indexOf(y.a.level) ||
        (x.a.props.file ?? '').localeCompare(y.a.props.file ?? '') ||
        (x.a.props.startLine ?? 0) - (y.a.props.startLine ?? 0) ||
        x.i - y.i);
    const total = { error: 0, warning: 0, notice: 0 };
    const shown = [];
    for (const { a } of order) {
        total[a.level]++;
        if (total[a.level] <= perLevel)
            shown.push(a);
    }
    return { shown, total, omitted: all.length - shown.length };
}
/** The job's annotations, as publish emits them: its errors and the findings, selected. */
function jobAnnotations(errors, findings) {
    const ofFindings = annotationsFor(findings);
    const selection = selectAnnotations([...errorAnnotations(errors), ...ofFindings]);
    const mine = new Set(ofFindings);
    return { ...selection, findingsShown: selection.shown.filter((a) => mine.has(a)).length };
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/report/assemble.ts


function stageLabel(model, index) {
    const s = model.graph.stages[index];
    return s?.name ?? String(index);
}
function stageInfos(model, plan) {
    return model.graph.stages.map((s) => {
        const dependsOn = [...new Set(s.edges.flatMap((e) => (e.stage === undefined ? [] : [e.stage])))].sort((a, b) => a - b);
        let role = 'unbuilt';
        if (plan?.target === s.index)
            role = 'target';
        else if (plan?.testStage === s.index)
            role = 'test';
        else if (plan?.stages.includes(s.index))
            role = 'stage';
        return {
            index: s.index,
            name: s.name,
            base: s.parent !== undefined ? `stage:${stageLabel(model, s.parent)}` : s.base,
            line: s.line,
            endLine: s.endLine,
            dependsOn,
            role,
        };
    });
}
/** The test verdict when nothing was built: no verdict when the engine could not be reached. */
function noTestRun(errors) {
    if (errors.some((e) => e.step === 'engine'))
        return { result: 'error', reason: 'the Docker engine could not be reached, so nothing was built' };
    return { result: 'skipped', reason: 'nothing was built' };
}
/** Puts the pieces a run produced into the report; missing pieces stay empty, never invented. */
function assembleReport(parts) {
    const { model, plan, outcome } = parts;
    return {
        schemaVersion: src_model/* REPORT_SCHEMA_VERSION */.WI,
        tool: { name: 'stagegate', version: version/* VERSION */.x },
        dockerfile: parts.dockerfile,
        context: parts.context,
        target: model && plan ? stageLabel(model, plan.target) : undefined,
        source: parts.source,
        stages: model ? stageInfos(model, plan) : [],
        builds: outcome?.builds ?? [],
        test: outcome?.test ?? noTestRun(parts.errors),
        image: parts.image,
        base: parts.base ?? { status: 'disabled' },
        delta: parts.delta,
        budgets: parts.budgets ?? [],
        findings: parts.findings ?? [],
        ...(parts.findingsBaseline ? { findingsBaseline: parts.findingsBaseline } : {}),
        ...(parts.lintNotes?.length ? { lintNotes: parts.lintNotes } : {}),
        ...(parts.engine ? { engine: parts.engine } : {}),
        errors: parts.errors,
    };
}

;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * Escaping for everything a user controls (stage names, paths, image names, log lines, messages):
 * whatever reaches the comment must render as the text it is, never as Markdown structure, HTML, an
 * @-mention that notifies someone, or a fence that closes ours.
 */
/** Joins `@` to the next character invisibly, so `@octocat` still reads as written but notifies nobody. */
const ZERO_WIDTH_JOINER = '\u200d';
// eslint-disable-next-line no-control-regex
const escape_ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// Control characters other than tab and newline; they can hide text or confuse terminals and parsers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Strips terminal colour codes and invisible control characters (including bidi overrides). */
function stripControl(text) {
    return text.replace(escape_ANSI, '').replace(/\r\n?/g, '\n').replace(CONTROL, '');
}
/** Cuts a string to `max` characters, saying so with an ellipsis. */
function clip(text, max) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, Math.max(0, max - 1))}…`;
}
function neutralizeMentions(text) {
    return text.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZERO_WIDTH_JOINER}`);
}
const MARKDOWN_SPECIAL = {
    '\\': '\\\\',
    '`': '\\`',
    '*': '\\*',
    _: '\\_',
    '[': '\\[',
    ']': '\\]',
    '~': '\\~',
    '|': '\\|',
    '#': '\\#',
    '!': '\\!',
    '<': '&lt;',
    '>': '&gt;',
    '&': '&amp;',
};
/**
 * Escapes text for a Markdown paragraph, a table cell, a `<summary>` or link text: one line, no
 * formatting, no HTML, no mentions. Safe inside a table row because `|` is escaped and newlines folded.
 */
function escapeText(text, maxLength = 500) {
    const oneLine = stripControl(text).replace(/\s*\n\s*/g, ' ');
    const escaped = clip(oneLine, maxLength).replace(/[\\`*_[\]~|#!<>&]/g, (c) => MARKDOWN_SPECIAL[c]);
    return neutralizeMentions(escaped);
}
const HTML_SPECIAL = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
/**
 * Escapes text for raw HTML context such as `<summary>`: GitHub does not parse Markdown inside an HTML
 * block, so backslash escapes and code spans would show literally there, and only entities work.
 */
function escapeHtml(text, maxLength = 500) {
    const oneLine = clip(stripControl(text).replace(/\s*\n\s*/g, ' '), maxLength);
    return neutralizeMentions(oneLine.replace(/[&<>"']/g, (c) => HTML_SPECIAL[c]));
}
/** `<code>` with escaped text, for HTML context (`<summary>`). */
function htmlCode(text, maxLength = 200) {
    return `<code>${escapeHtml(text, maxLength)}</code>`;
}
/**
 * An inline code span holding `text` verbatim. The fence is one backtick longer than any run inside,
 * so the text cannot close it; code spans render neither HTML nor mentions. `|` is escaped for tables
 * (GitHub removes that backslash inside cells, and only there, so use `inTable` accordingly).
 */
function code(text, options = {}) {
    let body = clip(stripControl(text).replace(/\s*\n\s*/g, ' '), options.maxLength ?? 200);
    if (body === '')
        return '';
    if (options.inTable)
        body = body.replace(/\|/g, '\\|');
    const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
    // Code spans never notify, but a span that some renderer splits must not turn into a mention either.
    return `${fence}${pad}${neutralizeMentions(body)}${pad}${fence}`;
}
/**
 * A fenced code block holding `lines` verbatim. The fence is longer than any backtick run in the text,
 * so no line can close it early; inside a block nothing is HTML or a mention.
 */
function codeBlock(lines, options = {}) {
    const max = options.maxLineLength ?? 400;
    const clean = lines.map((l) => clip(stripControl(l).replace(/\n/g, ' '), max));
    const longestRun = Math.max(0, ...clean.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    return `${fence}${options.language ?? 'text'}\n${clean.join('\n')}\n${fence}`;
}
/**
 * Table-cell text whose single-backtick spans (as rule messages write them: "USER `app` is not numeric") are
 * shown as code and everything else as escaped text. Every piece goes through `code` or
 * `escapeText`, so a backtick inside user input can only change how the text splits, never escape.
 */
function richText(text, maxLength = 500) {
    const clipped = clip(stripControl(text).replace(/\s*\n\s*/g, ' '), maxLength);
    const parts = clipped.split(/`([^`]+)`/);
    return parts
        .map((part, i) => (i % 2 === 1 ? code(part, { inTable: true, maxLength }) : escapeText(part, maxLength)))
        .join('');
}
/** An http(s) URL safe to put in `[text](url)`: characters that would end or break the link are encoded. */
function safeUrl(url) {
    if (!/^https?:\/\//i.test(url))
        return undefined;
    // encodeURIComponent leaves ( ) ' alone, and those end or confuse a Markdown link: percent-encode by hand.
    return url.replace(/[\s()<>"'`|\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** `[text](url)` with escaped text; plain escaped text when there is no usable URL. */
function escape_link(text, url) {
    const href = url ? safeUrl(url) : undefined;
    return href ? `[${text}](${href})` : text;
}

;// CONCATENATED MODULE: ./src/report/format.ts
/** Numbers as a reviewer reads them in the comment: sizes, signed changes, durations, line links. */


/** `+1.20 MB`, `-340 kB`, `0 B`: always signed so growth and shrinkage read at a glance. */
function formatSignedBytes(bytes) {
    if (bytes === 0)
        return '0 B';
    return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}
/** `+3.6%`, `-0.4%`, `+<0.1%`; empty when there is no base to compare with. */
function formatPercent(percent) {
    if (percent === null || percent === undefined || !Number.isFinite(percent))
        return '';
    if (percent === 0)
        return '0%';
    const sign = percent > 0 ? '+' : '-';
    const abs = Math.abs(percent);
    if (abs < 0.1)
        return `${sign}<0.1%`;
    return `${sign}${abs.toFixed(abs >= 100 ? 0 : 1)}%`;
}
/** `+1.20 MB (+3.6%)` */
function formatChange(bytes, percent) {
    const pct = formatPercent(percent);
    return pct ? `${formatSignedBytes(bytes)} (${pct})` : formatSignedBytes(bytes);
}
/** `850 ms`, `12.3 s`, `2m 05s`, `1h 02m`. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return '';
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    const s = ms / 1000;
    if (s < 60)
        return `${s.toFixed(1)} s`;
    const totalSeconds = Math.round(s);
    const m = Math.floor(totalSeconds / 60);
    if (m < 60)
        return `${m}m ${String(totalSeconds % 60).padStart(2, '0')}s`;
    return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
function plural(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}
/** The Dockerfile path as it appears in the repository, or undefined when it is not inside it. */
function repoPath(file) {
    const p = file
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\/{2,}/g, '/');
    if (p === '' || p.startsWith('/') || p.split('/').includes('..'))
        return undefined;
    return p;
}
/** `{serverUrl}/{repository}/blob/{sha}/{file}#L{line}` at the head commit, when all parts are known. */
function lineUrl(base, file, line, endLine) {
    const path = repoPath(file);
    if (!base.serverUrl || !base.repository || !base.sha || !path)
        return undefined;
    if (!/^[\w.-]+\/[\w.-]+$/.test(base.repository) || !/^[0-9a-f]{7,64}$/i.test(base.sha))
        return undefined;
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    const anchor = line ? `#L${line}${endLine && endLine > line ? `-L${endLine}` : ''}` : '';
    return `${base.serverUrl.replace(/\/+$/, '')}/${base.repository}/blob/${base.sha}/${encoded}${anchor}`;
}

;// CONCATENATED MODULE: ./src/report/markdown-parts.ts


function links(report) {
    return report.source;
}
function lineLink(report, text, line, endLine) {
    return escape_link(text, lineUrl(links(report), report.dockerfile, line, endLine));
}
function instructionCell(report, ref, fallback, baseImage) {
    if (ref) {
        const where = lineLink(report, `L${ref.line}`, ref.line);
        return `${code(ref.text, { inTable: true, maxLength: 120 })} (${escapeText(ref.stage, 60)}, ${where})`;
    }
    if (baseImage)
        return `base image ${code(baseImage, { inTable: true, maxLength: 120 })}`;
    return code(fallback, { inTable: true, maxLength: 120 }) || '—';
}
function details(summary, body) {
    return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
function table(header, rows) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

;// CONCATENATED MODULE: ./src/report/contents.ts
/**
 * The comment's sections on what changed inside the image: packages added, removed, upgraded and
 * downgraded (largest size change first, the first MARKDOWN_ROWS.packagesShown in view, the rest
 * collapsed), and the largest files added or grown. Fed only by the JSON report.
 */




const CHANGE_LABEL = {
    added: '🆕 added',
    removed: '🗑️ removed',
    upgraded: '⬆️ upgraded',
    downgraded: '⬇️ downgraded',
};
function packageRow(report, c) {
    const version = (v) => v === undefined ? '—' : code(v, { inTable: true, maxLength: 60 });
    const size = c.change === 'removed' ? c.baseSize : c.headSize;
    const fromRemoved = c.change === 'removed' ? ' (base)' : '';
    return [
        CHANGE_LABEL[c.change] ?? escapeText(String(c.change), 20),
        `${code(c.name, { inTable: true, maxLength: 100 })} ${escapeText(c.ecosystem, 10)}`,
        version(c.baseVersion),
        version(c.headVersion),
        size === undefined ? '—' : formatBytes(size),
        c.sizeDelta === 0 && size === undefined ? '—' : `**${formatSignedBytes(c.sizeDelta)}**`,
        instructionCell(report, c.instruction, `layer ${c.layer + 1}${fromRemoved}`, c.baseImage),
    ];
}
const PACKAGE_HEADER = ['Change', 'Package', 'Base', 'This PR', 'Size', 'Δ', 'Brought in by'];
function packageSummary(changes) {
    const counts = ['added', 'removed', 'upgraded', 'downgraded']
        .map((kind) => ({ kind, n: changes.filter((c) => c.change === kind).length }))
        .filter((x) => x.n > 0)
        .map((x) => `${x.n} ${x.kind}`);
    return counts.join(', ');
}
function notesLine(report) {
    const notes = [
        ...new Set([...(report.image?.contents?.notes ?? []), ...(report.base.image?.contents?.notes ?? [])]),
    ];
    if (notes.length === 0)
        return '';
    const shown = notes.slice(0, 5).map((n) => escapeText(n, 200));
    return `\n\nNot read: ${shown.join('; ')}${notes.length > shown.length ? '; …' : ''}.`;
}
/** The package table; with `limit`, the rows past the first ones are collapsed, then cut at `limit`. */
function packageVariants(report) {
    const changes = report.delta?.packages;
    if (!changes || report.base.status !== 'compared')
        return [];
    const title = '#### Packages';
    if (changes.length === 0) {
        const n = report.image?.contents?.packages.length ?? 0;
        return [`${title}\n\nNo package changed (${plural(n, 'package')} in the image).${notesLine(report)}`];
    }
    const shownFirst = MARKDOWN_ROWS.packagesShown;
    return MARKDOWN_ROWS.packages.map((limit) => {
        const head = changes.slice(0, shownFirst);
        const rest = changes.slice(shownFirst, Math.max(shownFirst, limit));
        const cut = changes.length - head.length - rest.length;
        const main = table(PACKAGE_HEADER, head.map((c) => packageRow(report, c)));
        const collapsed = rest.length
            ? `\n\n${details(`${plural(rest.length, 'more package change')}`, table(PACKAGE_HEADER, rest.map((c) => packageRow(report, c))))}`
            : '';
        const more = cut > 0 ? `\n\n…and ${plural(cut, 'more package change')} (in the JSON report).` : '';
        return `${title}: ${packageSummary(changes)}\n\n${main}${collapsed}${more}${notesLine(report)}`;
    });
}
function fileRow(report, f) {
    const base = f.baseSize !== undefined
        ? formatBytes(f.baseSize)
        : f.baseBelow !== undefined
            ? `— (or < ${formatBytes(f.baseBelow)})`
            : '—';
    return [
        code(f.path, { inTable: true, maxLength: 160 }),
        base,
        formatBytes(f.headSize),
        `**${formatSignedBytes(f.delta)}**`,
        instructionCell(report, f.instruction, `layer ${f.layer + 1}`, f.baseImage),
    ];
}
function fileVariants(report) {
    const files = report.delta?.files;
    if (!files?.length || report.base.status !== 'compared')
        return [];
    return MARKDOWN_ROWS.files.map((n) => {
        const shown = files.slice(0, n);
        const rows = shown.map((f) => fileRow(report, f));
        return details(`Largest files added or grown (${shown.length} of ${files.length})`, table(['File', 'Base', 'This PR', 'Δ', 'Written by'], rows));
    });
}
function contentsSections(report) {
    return { packages: packageVariants(report), files: fileVariants(report) };
}

;// CONCATENATED MODULE: ./src/report/chart.ts
/**
 * One picture of where the bytes went: a Mermaid bar chart (GitHub renders ```mermaid blocks in
 * comments) of the base image and each of the Dockerfile's own layers, the base commit's bar beside
 * the PR's. More layers than CHART_GROUPS are grouped (the largest keep their bar, the rest share
 * one); the layer table below the chart lists each layer either way. Pure.
 *
 * Mermaid's xychart draws the bars of two series at the same place, one over the other, so each
 * layer gets two categories, one per side, and each series is 0 on the other side's: the colours
 * tell the sides apart and neither bar hides the other.
 */

/** Mermaid's quoted labels: no quotes, brackets or line breaks, and short. */
function label(text) {
    const clean = text
        .replace(/[^\p{L}\p{N} ._:/=+@,()-]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return clean.length > 36 ? `${clean.slice(0, 35)}…` : clean;
}
function rowLabel(row) {
    if (row.baseImage)
        return 'base image';
    if (row.instruction)
        return label(`L${row.instruction.line} ${row.instruction.text}`);
    return label(row.createdBy.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '')) || 'layer';
}
/** The bars: the base image first, then the own layers in order; the smallest grouped when too many. */
function chartBars(report) {
    const compared = report.base.status === 'compared' && report.delta !== undefined;
    const rows = compared
        ? report.delta.layers.map((l) => ({ label: rowLabel(l), base: l.baseSize ?? 0, head: l.headSize ?? 0 }))
        : headRows(report.image?.layers ?? []);
    const baseImage = rows.filter((r) => r.label === 'base image');
    const own = rows.filter((r) => r.label !== 'base image');
    const room = CHART_GROUPS - baseImage.length;
    if (own.length <= room)
        return { bars: [...baseImage, ...own], compared };
    const bigness = (r) => Math.max(r.base ?? 0, r.head);
    const keep = new Set([...own].sort((a, b) => bigness(b) - bigness(a)).slice(0, room - 1));
    const rest = own.filter((r) => !keep.has(r));
    const other = {
        label: `${rest.length} other layers`,
        base: rest.reduce((t, r) => t + (r.base ?? 0), 0),
        head: rest.reduce((t, r) => t + r.head, 0),
    };
    return { bars: [...baseImage, ...own.filter((r) => keep.has(r)), other], compared };
}
function headRows(layers) {
    const base = layers.filter((l) => l.baseImage !== undefined);
    const rows = base.length
        ? [{ label: 'base image', head: base.reduce((t, l) => t + l.size, 0) }]
        : [];
    for (const l of layers.filter((x) => x.baseImage === undefined))
        rows.push({ label: rowLabel(l), head: l.size });
    return rows;
}
/** Bytes in one unit for the whole chart, so every bar reads against one axis. */
function unitFor(max) {
    if (max >= 1e9)
        return { name: 'GB', bytes: 1e9 };
    if (max >= 1e6)
        return { name: 'MB', bytes: 1e6 };
    return { name: 'kB', bytes: 1e3 };
}
const BASE_COLOUR = '#4e79a7';
const HEAD_COLOUR = '#f28e2b';
const round = (n) => Math.round(n * 100) / 100;
/** The ```mermaid block, or '' when there is nothing to draw. */
function layerChart(report) {
    const { bars, compared } = chartBars(report);
    if (bars.length === 0)
        return '';
    const max = Math.max(...bars.flatMap((b) => [b.base ?? 0, b.head]), 1);
    const unit = unitFor(max);
    const value = (bytes) => round(bytes / unit.bytes);
    const quoted = (s) => `"${s}"`;
    const rows = compared ? bars.length * 2 : bars.length;
    // Two colours that read on GitHub's light and dark themes; a height that gives each bar room.
    const lines = [
        '```mermaid',
        '---',
        'config:',
        '  themeVariables:',
        '    xyChart:',
        `      plotColorPalette: "${BASE_COLOUR}, ${HEAD_COLOUR}"`,
        '  xyChart:',
        '    chartOrientation: horizontal',
        '    width: 900',
        `    height: ${Math.max(300, 120 + rows * 34)}`,
        '---',
        'xychart-beta',
    ];
    const axis = `  y-axis "${unit.name}" 0 --> ${Math.ceil(value(max) * 1.05 * 100) / 100}`;
    if (compared) {
        const categories = bars.flatMap((b) => [`${b.label} · base`, `${b.label} · PR`]);
        lines.push(`  title "${unit.name} per layer: base commit (blue) vs this PR (orange)"`);
        lines.push(`  x-axis [${categories.map(quoted).join(', ')}]`, axis);
        lines.push(`  bar [${bars.flatMap((b) => [value(b.base ?? 0), 0]).join(', ')}]`);
        lines.push(`  bar [${bars.flatMap((b) => [0, value(b.head)]).join(', ')}]`);
    }
    else {
        lines.push(`  title "${unit.name} per layer"`);
        lines.push(`  x-axis [${bars.map((b) => quoted(b.label)).join(', ')}]`, axis);
        lines.push(`  bar [${bars.map((b) => value(b.head)).join(', ')}]`);
    }
    lines.push('```');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/report/trim.ts
/**
 * Fitting the report into GitHub's limits (comments: 65,536 characters; job summaries: 1 MiB) without
 * losing what a reviewer needs: the headline and tables stay, details shrink first, then go, and the
 * reader is told what was cut and where the full report is.
 */
function fits(text, limit) {
    if (limit.maxChars !== undefined && text.length > limit.maxChars)
        return false;
    if (limit.maxBytes !== undefined && Buffer.byteLength(text, 'utf8') > limit.maxBytes)
        return false;
    return true;
}
function join(parts) {
    return parts.filter((p) => p !== '').join('\n\n') + '\n';
}
/** What the current choice of variants cut: sections shortened, and sections left out. */
function trimOutcome(sections, choice) {
    // An empty variant is a section that goes whole before the others shrink (the chart).
    const gone = (s, i) => choice[i] >= s.variants.length || (s.variants[choice[i]] === '' && s.variants[0] !== '');
    return {
        // A smaller variant that renders the same (a list already shorter than the cap) cut nothing.
        shortened: sections
            .filter((s, i) => !gone(s, i) && s.variants[choice[i]] !== s.variants[0])
            .map((s) => s.name),
        dropped: sections.filter(gone).map((s) => s.name),
        truncated: false,
    };
}
/**
 * Joins the sections, shortening and dropping the least important ones until the text fits `limit`.
 * `note` writes the explanation shown where content was cut; `footer` always closes the text.
 */
function fitSections(sections, limit, note, footer = '') {
    const choice = sections.map(() => 0);
    const render = (withNote) => join([
        ...sections.map((s, i) => (choice[i] < s.variants.length ? s.variants[choice[i]] : '')),
        withNote ? note(withNote) : '',
        footer,
    ]);
    const outcome = () => trimOutcome(sections, choice);
    const full = render();
    if (fits(full, limit))
        return { text: full };
    // Least important first: details shrink to their smallest form, then go; the tables (priority 0)
    // shrink only after every detail is gone, and are never dropped.
    const byImportance = sections
        .map((s, i) => ({ s, i }))
        .sort((a, b) => b.s.priority - a.s.priority || b.i - a.i);
    const details = byImportance.filter(({ s }) => s.priority > 0);
    const tables = byImportance.filter(({ s }) => s.priority === 0);
    const phases = [
        { items: details, stop: (s) => s.variants.length - 1 },
        { items: details, stop: (s) => s.variants.length },
        { items: tables, stop: (s) => s.variants.length - 1 },
    ];
    // Once it fits, give back what the last cuts made room for: most important sections first, each
    // restored to the fullest variant that still fits (a compact stage table can leave room for findings).
    const refill = () => {
        for (const { i } of [...byImportance].reverse()) {
            while (choice[i] > 0) {
                choice[i]--;
                if (!fits(render(outcome()), limit)) {
                    choice[i]++;
                    break;
                }
            }
        }
        const current = outcome();
        return { text: render(current), outcome: current };
    };
    for (const phase of phases) {
        for (const { s, i } of phase.items) {
            while (choice[i] < phase.stop(s)) {
                choice[i]++;
                if (fits(render(outcome()), limit))
                    return refill();
            }
        }
    }
    // Even the headline and tables are too big (thousands of stages or budgets): cut at a line boundary.
    const current = { ...outcome(), truncated: true };
    const tail = join([note(current), footer]);
    const kept = join(sections.map((s, i) => (choice[i] < s.variants.length ? s.variants[choice[i]] : '')));
    let cut = kept;
    const budget = (limit.maxChars ?? Infinity) - tail.length - 2;
    if (cut.length > budget)
        cut = cut.slice(0, Math.max(0, budget));
    while (!fits(`${cut}\n\n${tail}`, limit) && cut.length > 0)
        cut = cut.slice(0, Math.floor(cut.length * 0.9));
    const lastBreak = cut.lastIndexOf('\n');
    cut = lastBreak > 0 ? cut.slice(0, lastBreak) : '';
    return { text: `${cut}\n\n${tail}`, outcome: current };
}

;// CONCATENATED MODULE: ./src/report/markdown.ts










const SEVERITY_LABEL = {
    error: { icon: '❌', one: 'error', many: 'errors' },
    warning: { icon: '⚠️', one: 'warning', many: 'warnings' },
    info: { icon: 'ℹ️', one: 'info', many: 'info' },
    style: { icon: '💅', one: 'style', many: 'style' },
};
const TEST_LABEL = {
    passed: '✅ passed',
    failed: '❌ failed',
    skipped: '⏭️ skipped',
    error: '⚠️ no verdict',
};
const { logLines: LOG_LINES, layers: LAYER_ROWS, waste: WASTE_ROWS, findings: FINDING_ROWS } = MARKDOWN_ROWS;
function findingCounts(findings) {
    if (findings.length === 0)
        return '✅ none';
    return src_model/* SEVERITIES */.oC.filter((s) => findings.some((f) => f.severity === s))
        .map((s) => {
        const n = findings.filter((f) => f.severity === s).length;
        const l = SEVERITY_LABEL[s];
        return `${l.icon} ${n} ${n === 1 ? l.one : l.many}`;
    })
        .join(' · ');
}
/** The headline's count, with how many are new when the base commit has some of them. */
function findingsCell(report) {
    const counts = findingCounts(report.findings);
    const b = report.findingsBaseline;
    return b?.sha !== undefined && b.existing > 0 ? `${counts} (🆕 ${b.new} new)` : counts;
}
function stageDisplayName(report, stage) {
    const info = report.stages.find((s) => s.name === stage || String(s.index) === stage);
    return info
        ? lineLink(report, code(stage, { inTable: true, maxLength: 80 }), info.line)
        : code(stage, { inTable: true });
}
// ---------------------------------------------------------------- headline
function sizeCell(report, which) {
    if (!report.image)
        return 'not measured';
    const value = `**${formatBytes(report.image[which])}**`;
    const d = report.delta;
    if (!d || report.base.status !== 'compared')
        return value;
    const bytes = which === 'size' ? d.size : d.compressedSize;
    const pct = which === 'size' ? d.sizePercent : d.compressedPercent;
    if (d.unchanged)
        return `${value} (unchanged)`;
    const trend = bytes > 0 ? ' 📈' : bytes < 0 ? ' 📉' : '';
    return `${value} (${formatChange(bytes, pct)}${trend})`;
}
function budgetCell(report) {
    if (report.budgets.length === 0)
        return '—';
    const failed = report.budgets.filter((b) => !b.passed).length;
    if (failed)
        return `❌ ${failed} exceeded`;
    if (uncheckedBudgets(report).length)
        return '⚠️ not checked';
    return report.budgets.every((b) => b.skipped) ? '⏭️ not checked' : '✅ within';
}
function baseLine(report) {
    const b = report.base;
    const ref = b.ref ? ` ${code(b.ref, { maxLength: 80 })}` : '';
    const sha = b.sha ? ` at ${code(b.sha.slice(0, 12))}` : '';
    const msg = b.message ? `: ${escapeText(b.message, 300)}` : '';
    switch (b.status) {
        case 'compared': {
            if (!b.image)
                return `Compared with the base commit${ref}${sha}.`;
            const from = b.source === 'cache' ? ' (base report from cache)' : '';
            return `Compared with the base commit${ref}${sha}: ${formatBytes(b.image.size)} on disk, ${formatBytes(b.image.compressedSize)} compressed${from}.`;
        }
        case 'new-image':
            return `🆕 New image: the base commit${ref}${sha} does not build this target${msg || '.'}`;
        case 'failed':
            return `⚠️ No size comparison: the base commit${ref}${sha} failed to build${msg || '.'}`;
        case 'disabled':
            return `No size comparison${msg || ' (comparison is off, or this run is not for a pull request).'}`;
    }
}
/**
 * Whose change it is: when the base image itself changed (a new digest for the same FROM, or another
 * FROM), how much of the size change it brought, apart from this PR's own instructions.
 */
function baseImageReason(report) {
    const d = report.delta;
    if (!d?.baseImageChanged || report.base.status !== 'compared')
        return '';
    const row = d.layers.find((l) => l.baseImage !== undefined);
    const fromBase = row?.delta ?? 0;
    const own = d.layers.filter((l) => l.baseImage === undefined).reduce((t, l) => t + l.delta, 0);
    const fromTo = row?.createdBy.replace(/^base image /, '') ?? '';
    const which = fromTo.includes(' -> ')
        ? `The base image changed (${code(fromTo, { maxLength: 160 })})`
        : `The base image ${code(row?.baseImage ?? fromTo, { maxLength: 120 })} changed (new layers under the same FROM)`;
    return `↪️ ${which}: **${formatSignedBytes(fromBase)}** of the change comes from it, **${formatSignedBytes(own)}** from this PR's own instructions.`;
}
/**
 * Budgets that could not be checked although the user set them and something went wrong: the base
 * failed to build, or the image was not measured. Never a pass; a new image (nothing to compare
 * with) is not a problem.
 */
function uncheckedBudgets(report) {
    return report.budgets.filter((b) => b.skipped && (b.name === 'max-size' || report.base.status === 'failed'));
}
/** What the headline warns about without failing the step. */
function warnings(report) {
    return uncheckedBudgets(report).map((b) => `⚠️ Budget ${code(b.name)} (${escapeText(b.limit, 40)}) was not checked: ${escapeText(b.message, 300)}`);
}
function testProblem(report) {
    const t = report.test;
    const stage = t.stage ? ` ${stageDisplayName(report, t.stage)}` : '';
    if (t.result === 'error')
        return `⚠️ Test stage${stage}: no verdict${t.reason ? `, ${escapeText(t.reason, 300)}` : ''} (not a test failure).`;
    if (t.result !== 'failed')
        return undefined;
    const step = t.failedStep;
    let what = '';
    if (step) {
        const cmd = code(step.command, { maxLength: 120 });
        const where = step.line ? ` (${lineLink(report, `line ${step.line}`, step.line)})` : '';
        const exit = step.exitCode !== undefined ? ` exited with ${step.exitCode}` : ' failed';
        what = step.kind === 'run' ? `: running the image (${cmd})${exit}` : `: ${cmd}${where}${exit}`;
    }
    return `❌ Test stage${stage} failed${what}.${t.reason ? ` ${escapeText(t.reason, 300)}` : ''}`;
}
function problems(report) {
    const out = [];
    const t = report.test;
    // A test that fails while building its stage is reported once, as the failed test.
    const testFailed = (stage) => t.result === 'failed' && t.stage === stage;
    for (const b of report.builds.filter((x) => x.status === 'failed' && !testFailed(x.stage))) {
        out.push(`❌ Stage ${stageDisplayName(report, b.stage)} failed to build.`);
    }
    const test = testProblem(report);
    if (test)
        out.push(test);
    const failing = (0,src_model/* findingsFailingOn */.EF)(judgedOf(report), report.failOn);
    if (failing.length) {
        const which = report.findingsBaseline?.sha !== undefined && !report.failOnExistingFindings ? 'new ' : '';
        out.push(`❌ ${plural(failing.length, `${which}finding`)} at or above ${code(`fail-on: ${report.failOn}`)}.`);
    }
    for (const b of report.budgets.filter((x) => !x.passed)) {
        out.push(`❌ Budget ${code(b.name)} (${escapeText(b.limit, 40)}) exceeded: ${escapeText(b.message, 300)}`);
    }
    for (const e of report.errors) {
        out.push(`⚠️ ${escapeText(e.step, 40)}: ${escapeText(e.message, 500)}`);
    }
    return out;
}
/** Findings are only meaningful when the Dockerfile loaded and the linter ran. */
function lintRan(report) {
    return (report.stages.length > 0 && !report.errors.some((e) => e.step === 'dockerfile' || e.step === 'findings'));
}
function headline(report) {
    const target = report.target ? code(report.target, { maxLength: 80 }) : '(no target)';
    const title = `### stagegate · ${target} · ${code(report.dockerfile, { maxLength: 200 })}`;
    const issues = problems(report);
    const cautions = warnings(report);
    const verdict = issues.length
        ? '❌ **Needs attention**'
        : cautions.length
            ? '⚠️ **Passed, but not everything was checked**'
            : '✅ **All checks passed**';
    const summary = table(['Size on disk', 'Compressed', 'Test', 'Findings', 'Budgets'], [
        [
            sizeCell(report, 'size'),
            sizeCell(report, 'compressedSize'),
            testCell(report),
            lintRan(report) ? findingsCell(report) : '— (not linted)',
            budgetCell(report),
        ],
    ]);
    const reason = baseImageReason(report);
    const parts = [title, verdict, summary, baseLine(report), ...(reason ? [reason] : [])];
    const listed = [...issues, ...cautions];
    if (listed.length)
        parts.push(listed.map((i) => `- ${i}`).join('\n'));
    return parts.join('\n\n');
}
function testCell(report) {
    const t = report.test;
    const label = TEST_LABEL[t.result] ?? escapeText(String(t.result), 20);
    return t.stage ? `${label} (${code(t.stage, { inTable: true, maxLength: 60 })})` : label;
}
// ---------------------------------------------------------------- tables
const ROLE_LABEL = {
    target: 'target',
    test: 'test',
    stage: 'built',
    unbuilt: 'not built',
};
function buildResult(b) {
    if (!b)
        return '—';
    if (b.status === 'built')
        return '✅ built';
    if (b.status === 'failed')
        return '❌ failed';
    return `⏭️ skipped${b.reason ? `: ${escapeText(b.reason, 120)}` : ''}`;
}
function stageRow(report, s, b) {
    const label = s.name ?? String(s.index);
    const isTarget = s.role === 'target';
    const size = b?.size ?? (isTarget ? report.image?.size : undefined);
    const layers = b?.layers ?? (isTarget ? report.image?.layers.length : undefined);
    const base = s.base.startsWith('stage:')
        ? `stage ${code(s.base.slice('stage:'.length), { inTable: true, maxLength: 60 })}`
        : code(s.base, { inTable: true, maxLength: 80 });
    return [
        lineLink(report, code(label, { inTable: true, maxLength: 80 }), s.line),
        ROLE_LABEL[s.role] ?? '',
        base,
        buildResult(b),
        size !== undefined ? formatBytes(size) : '—',
        layers !== undefined ? String(layers) : '—',
        b && b.status !== 'skipped' ? formatDuration(b.durationMs) : '—',
        b && b.status === 'built' ? (b.cached ? 'yes' : 'no') : '—',
    ];
}
const STAGE_HEADER = ['Stage', 'Role', 'Base', 'Result', 'Size', 'Layers', 'Build time', 'Cached'];
/** The stage table in full, then (when it alone is too long) only the stages stagegate built. */
function stagesVariants(report) {
    if (report.stages.length === 0 && report.builds.length === 0)
        return [];
    const byName = new Map(report.builds.map((b) => [b.stage, b]));
    const rows = report.stages.map((s) => {
        const b = byName.get(s.name ?? String(s.index));
        return { s, b, row: stageRow(report, s, b) };
    });
    const listed = new Set(report.stages.map((s) => s.name ?? String(s.index)));
    // Builds for stages the model does not list (it failed to load) still deserve a row.
    const orphans = report.builds
        .filter((b) => !listed.has(b.stage))
        .map((b) => [
        code(b.stage, { inTable: true, maxLength: 80 }),
        '',
        '',
        buildResult(b),
        b.size !== undefined ? formatBytes(b.size) : '—',
        b.layers !== undefined ? String(b.layers) : '—',
        b.status !== 'skipped' ? formatDuration(b.durationMs) : '—',
        b.status === 'built' ? (b.cached ? 'yes' : 'no') : '—',
    ]);
    const full = `#### Stages\n\n${table(STAGE_HEADER, [...rows.map((r) => r.row), ...orphans])}`;
    const unbuilt = rows.filter((r) => r.s.role === 'unbuilt' && !r.b);
    if (unbuilt.length === 0)
        return [full];
    const names = unbuilt
        .slice(0, MARKDOWN_ROWS.unbuiltStageNames)
        .map((r) => code(r.s.name ?? String(r.s.index), { maxLength: 60 }));
    const more = unbuilt.length > names.length ? `, …` : '';
    const compact = `#### Stages\n\n${table(STAGE_HEADER, [...rows.filter((r) => !unbuilt.includes(r)).map((r) => r.row), ...orphans])}` +
        `\n\n…and ${plural(unbuilt.length, 'stage')} stagegate did not build: ${names.join(', ')}${more}`;
    return [full, compact];
}
function budgetsTable(report) {
    if (report.budgets.length === 0)
        return '';
    const rows = report.budgets.map((b) => [
        code(b.name, { inTable: true }),
        escapeText(b.limit, 40),
        b.unit === 'percent' ? measuredPercent(b.measured) : formatSignedOrPlain(b),
        b.skipped
            ? `⏭️ not checked: ${escapeText(b.message, 200)}`
            : b.passed
                ? '✅ within'
                : `❌ ${escapeText(b.message, 200)}`,
    ]);
    return `#### Budgets\n\n${table(['Budget', 'Limit', 'Measured', 'Result'], rows)}`;
}
/** A percent budget's figure; growth from a 0-byte base is infinite (null once written as JSON). */
function measuredPercent(measured) {
    if (measured === null || measured === Infinity)
        return 'from 0 B';
    return formatPercent(measured) || '—';
}
function formatSignedOrPlain(b) {
    return b.name === 'max-size-increase' ? formatSignedBytes(b.measured) : formatBytes(b.measured);
}
// ---------------------------------------------------------------- details
function layerVariants(report) {
    const delta = report.delta;
    if (delta && report.base.status === 'compared') {
        const changed = delta.layers
            .filter((l) => l.change !== 'unchanged')
            .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
        if (changed.length === 0)
            return [];
        return LAYER_ROWS.map((n) => {
            const shown = changed.slice(0, n);
            const rows = shown.map((l) => [
                changeLabel(l),
                l.baseSize !== undefined ? formatBytes(l.baseSize) : '—',
                l.headSize !== undefined ? formatBytes(l.headSize) : '—',
                `**${formatSignedBytes(l.delta)}**`,
                instructionCell(report, l.instruction, l.createdBy, l.baseImage),
            ]);
            const more = changed.length > shown.length
                ? `\n\n…and ${plural(changed.length - shown.length, 'more changed layer')}.`
                : '';
            return details(`Layers that changed most (${shown.length} of ${changed.length})`, table(['Change', 'Base', 'This PR', 'Δ', 'Instruction'], rows) + more);
        });
    }
    const layers = report.image?.layers ?? [];
    if (layers.length === 0)
        return [];
    const biggest = [...layers].sort((a, b) => b.size - a.size);
    return LAYER_ROWS.map((n) => {
        const shown = biggest.slice(0, n);
        const rows = shown.map((l) => [
            formatBytes(l.size),
            formatBytes(l.compressedSize),
            instructionCell(report, l.instruction, l.createdBy, l.baseImage),
        ]);
        return details(`Largest layers (${shown.length} of ${layers.length})`, table(['Size', 'Compressed', 'Instruction'], rows));
    });
}
function changeLabel(l) {
    switch (l.change) {
        case 'added':
            return '🆕 added';
        case 'removed':
            return '🗑️ removed';
        case 'grew':
            return '📈 grew';
        case 'shrank':
            return '📉 shrank';
        default:
            return 'unchanged';
    }
}
function wasteVariants(report) {
    const waste = report.image?.waste;
    if (!waste || waste.wastedBytes <= 0)
        return [];
    const offenders = [...waste.offenders].sort((a, b) => b.wastedBytes - a.wastedBytes);
    const title = `Wasted space: ${formatBytes(waste.wastedBytes)} (image efficiency ${(waste.efficiency * 100).toFixed(1)}%)`;
    return WASTE_ROWS.map((n) => {
        const shown = offenders.slice(0, n);
        const rows = shown.map((o) => [
            code(o.path, { inTable: true, maxLength: 160 }),
            formatBytes(o.wastedBytes),
            String(o.count),
            o.layers.map((i) => describeLayer(report, i)).join(', '),
        ]);
        const more = offenders.length > shown.length
            ? `\n\n…and ${plural(offenders.length - shown.length, 'more path')}.`
            : '';
        const intro = 'Files written by one layer and replaced or deleted by a later one still ship in the earlier layer.';
        return details(title, `${intro}\n\n${table(['Path', 'Wasted', 'Copies', 'Written by'], rows)}${more}`);
    });
}
function describeLayer(report, index) {
    const layer = report.image?.layers[index];
    if (!layer)
        return `layer ${index + 1}`;
    if (layer.instruction)
        return lineLink(report, `L${layer.instruction.line}`, layer.instruction.line);
    return layer.baseImage ? 'base image' : `layer ${index + 1}`;
}
/** The severities the comment lists; the others it counts in one line (the job summary lists all). */
const LISTED_SEVERITIES = ['error', 'warning'];
/** A finding's Line, Rule and Message cells. */
function findingRow(report, f) {
    return [
        lineLink(report, `L${f.line}${f.endLine > f.line ? `-${f.endLine}` : ''}`, f.line, f.endLine),
        escape_link(code(f.rule, { inTable: true, maxLength: 60 }), f.docs),
        richText(f.message, 300) + escapeText((0,src_model/* moreLinesText */.O6)(f), 200),
    ];
}
const byLine = (a, b) => a.line - b.line || a.rule.localeCompare(b.rule);
/** One collapsed table per severity: the pull request's new findings (all, when nothing was compared). */
function newFindingBlocks(report, findings, limit) {
    const compared = report.findingsBaseline?.sha !== undefined;
    return src_model/* SEVERITIES */.oC.flatMap((s) => {
        const items = findings.filter((f) => f.severity === s).sort(byLine);
        if (items.length === 0)
            return [];
        const shown = items.slice(0, limit);
        const more = items.length > shown.length ? `\n\n…and ${items.length - shown.length} more.` : '';
        const l = SEVERITY_LABEL[s];
        const summary = `${l.icon} ${items.length}${compared ? ' new' : ''} ${items.length === 1 ? l.one : l.many}`;
        return [
            details(summary, table(['Line', 'Rule', 'Message'], shown.map((f) => findingRow(report, f))) + more),
        ];
    });
}
/** The findings the base commit has too: counted, in one collapsed table after the new ones. */
function existingFindingsBlock(report, findings, limit) {
    if (findings.length === 0)
        return '';
    const sorted = [...findings].sort((a, b) => src_model/* SEVERITIES */.oC.indexOf(a.severity) - src_model/* SEVERITIES */.oC.indexOf(b.severity) || byLine(a, b));
    const shown = sorted.slice(0, limit);
    const rows = shown.map((f) => [SEVERITY_LABEL[f.severity].icon, ...findingRow(report, f)]);
    const more = sorted.length > shown.length ? `\n\n…and ${sorted.length - shown.length} more.` : '';
    const fails = report.failOnExistingFindings ? '' : ', and they do not fail this step';
    const summary = `📎 ${plural(findings.length, 'existing finding')} (the base commit has them too${fails})`;
    return details(summary, table(['', 'Line', 'Rule', 'Message'], rows) + more);
}
/** What the findings were compared with, when this is a pull request. */
function baselineNote(report) {
    const b = report.findingsBaseline;
    if (!b || !report.source.pullRequest)
        return '';
    if (b.sha === undefined)
        return `Every finding counts as new: ${escapeText(b.reason ?? 'there is no base commit', 300)}.`;
    return `Compared with the base commit's Dockerfile (${code(b.sha.slice(0, 12))}): ${b.new} new, ${b.existing} existing.`;
}
/** The comment leaves out info and style findings; this line counts them. */
function unlistedNote(report, unlisted) {
    if (unlisted.length === 0)
        return '';
    const fresh = unlisted.filter((f) => f.baseline !== 'existing').length;
    const split = report.findingsBaseline?.sha !== undefined && fresh < unlisted.length ? ` (${fresh} new)` : '';
    return `…and ${plural(unlisted.length, 'info/style finding')}${split}, listed in the job summary and the JSON report.`;
}
/** What the reader should know about the lint itself (ShellCheck missing), once, never a finding. */
function lintNotesText(report) {
    const notes = report.lintNotes ?? [];
    return notes.length ? notes.map((n) => `> ℹ️ ${richText(n, 300)}`).join('\n>\n') : undefined;
}
function findingsVariants(report, all) {
    const findings = report.findings;
    if (findings.length === 0)
        return [];
    const listed = all ? findings : findings.filter((f) => LISTED_SEVERITIES.includes(f.severity));
    const unlisted = all ? [] : findings.filter((f) => !LISTED_SEVERITIES.includes(f.severity));
    const fresh = listed.filter((f) => f.baseline !== 'existing');
    const existing = listed.filter((f) => f.baseline === 'existing');
    const render = (limit) => {
        const blocks = [
            baselineNote(report),
            annotationNote(report),
            ...newFindingBlocks(report, fresh, limit),
            existingFindingsBlock(report, existing, limit),
            unlistedNote(report, unlisted),
        ];
        return `#### Findings\n\n${blocks.filter(Boolean).join('\n\n')}`;
    };
    const where = annotationNote(report)
        ? annotationNote(report)
        : judgedOf(report).length < findings.length
            ? 'Every new finding is also an annotation on the Dockerfile.'
            : 'Every finding is also an annotation on the Dockerfile.';
    const counts = `#### Findings\n\n${findingCounts(findings)} (the list did not fit). ${where}`;
    return [...FINDING_ROWS.map(render), counts];
}
/** The findings the step is judged on (and annotates): the new ones, unless `fail-on-existing-findings`. */
const judgedOf = (report) => (0,src_model/* judgedFindings */.II)(report.findings, report.failOnExistingFindings);
/**
 * GitHub shows ANNOTATIONS_PER_LEVEL annotations of each level per step and drops the rest: when
 * stagegate had more, say how many findings are annotated and how many there are in all.
 */
function annotationNote(report) {
    const judged = judgedOf(report);
    const selection = jobAnnotations(report.errors, judged);
    if (selection.omitted === 0)
        return '';
    return (`GitHub shows at most ${ANNOTATIONS_PER_LEVEL} annotations of each kind (error, warning, notice) per step: ` +
        `${selection.findingsShown} of the ${plural(judged.length, judged.length < report.findings.length ? 'new finding' : 'finding')} are annotated on the Dockerfile ` +
        '(errors first, then by line); all of them are in this report.');
}
function logVariants(report) {
    const out = [];
    for (const b of report.builds) {
        if (b.status !== 'failed' || !b.errorTail?.length)
            continue;
        const tail = b.errorTail;
        out.push({
            name: `the build log of stage '${clip(b.stage, 60)}'`,
            variants: LOG_LINES.filter((n, i) => i === 0 || n < tail.length).map((n) => details(`Build log of stage ${htmlCode(b.stage, 60)} (last ${plural(Math.min(n, tail.length), 'line')})`, codeBlock(tail.slice(-n)))),
        });
    }
    const t = report.test;
    if (t.result === 'failed' && t.logTail?.length) {
        const tail = t.logTail;
        const already = report.builds.some((b) => b.status === 'failed' && b.stage === t.stage && b.errorTail?.length);
        if (!already) {
            out.push({
                name: 'the test log',
                variants: LOG_LINES.filter((n, i) => i === 0 || n < tail.length).map((n) => details(`Test log${t.stage ? ` of ${htmlCode(t.stage, 60)}` : ''} (last ${plural(Math.min(n, tail.length), 'line')})`, codeBlock(tail.slice(-n)))),
            });
        }
    }
    return out;
}
// ---------------------------------------------------------------- assembly
/** How the run built, in a few words: `buildx 0.30.1, docker-container driver, Docker 29.0.1 (containerd store)`. */
function engineLine(engine) {
    if (!engine)
        return '';
    const version = /v?(\d+\.\d+\.\d+\S*)/.exec(engine.buildxVersion ?? '')?.[1];
    const how = engine.backend === 'buildx'
        ? [`buildx${version ? ` ${version}` : ''}`, ...(engine.driver ? [`${engine.driver} driver`] : [])]
        : ['DOCKER_BUILDKIT=1 docker build'];
    const daemon = `Docker ${engine.serverVersion} (${engine.imageStore} image store)`;
    return ` · ${escapeText([...how, daemon].join(', '), 200)}`;
}
function footer(report) {
    const sha = report.source.sha ? ` at ${code(report.source.sha.slice(0, 12))}` : '';
    return `<sub>stagegate ${escapeText(report.tool?.version ?? '', 40)}${sha}${engineLine(report.engine)}</sub>`;
}
function trimNote(outcome, options) {
    const limit = options.limitName ??
        (options.maxChars !== undefined
            ? `GitHub's ${options.maxChars.toLocaleString('en-US')}-character limit`
            : `GitHub's ${Math.round((options.maxBytes ?? 0) / 1024).toLocaleString('en-US')} KiB limit`);
    const cut = [];
    if (outcome.shortened.length)
        cut.push(`shortened ${outcome.shortened.join(', ')}`);
    if (outcome.dropped.length)
        cut.push(`left out ${outcome.dropped.join(', ')}`);
    if (outcome.truncated)
        cut.push('cut the tables off');
    const where = options.fullReportHint ?? 'the JSON report (the `report-file` output)';
    return `> [!NOTE]\n> This report was trimmed to fit ${limit}: ${cut.join('; ')}. The full report is in ${where}.`;
}
/** Renders the report; with `maxChars`/`maxBytes` it is trimmed to fit (see ./trim.ts). */
function renderMarkdown(report, options = {}) {
    const sections = [
        { name: 'the headline', priority: 0, variants: [headline(report)] },
        { name: 'the stage table', priority: 0, variants: stagesVariants(report) },
        { name: 'the budget table', priority: 0, variants: [budgetsTable(report)] },
    ];
    const logs = logVariants(report);
    // Lower priority numbers survive longer: the failing log explains a red check, so it goes last.
    for (const l of logs)
        sections.push({ name: l.name, priority: 1, variants: l.variants });
    const chart = layerChart(report);
    if (chart) {
        // The chart is the first thing to give way, before any table shrinks (it can only go whole).
        const variants = [`#### Where the bytes went\n\n${chart}`, ''];
        sections.push({ name: 'the chart', priority: 5, variants });
    }
    const layers = layerVariants(report);
    if (layers.length)
        sections.push({ name: 'the layer table', priority: 3, variants: layers });
    const contents = contentsSections(report);
    if (contents.packages.length)
        sections.push({ name: 'the package changes', priority: 3, variants: contents.packages });
    if (contents.files.length)
        sections.push({ name: 'the largest files added', priority: 4, variants: contents.files });
    const waste = wasteVariants(report);
    if (waste.length)
        sections.push({ name: 'the wasted-space table', priority: 4, variants: waste });
    const findings = findingsVariants(report, options.allFindings ?? false);
    if (findings.length)
        sections.push({ name: 'the findings list', priority: 2, variants: findings });
    const notes = lintNotesText(report);
    if (notes)
        sections.push({ name: 'the lint notes', priority: 2, variants: [notes] });
    const limited = options.maxChars !== undefined || options.maxBytes !== undefined;
    const limit = { maxChars: options.maxChars, maxBytes: options.maxBytes };
    const { text } = fitSections(sections, limited ? limit : {}, (outcome) => trimNote(outcome, options), footer(report));
    return text;
}

;// CONCATENATED MODULE: ./src/seams/github/api.ts
/**
 * The GitHub API seam: what the job asks of GitHub (keep one sticky PR comment per marker, see
 * marker.ts, written by the token's own identity, see identity.ts) and how it fails. The
 * implementation, the only Octokit user, is `octokit.ts`: it survives busy PRs (paginated lookup),
 * flaky APIs (backoff, timeouts, see retry-policy.ts), rate limits (waits as GitHub asks), lost
 * answers to a create (re-lists before creating again), two runs racing, comments by others that
 * carry our marker (ignored), and tokens that may not comment (fork PRs).
 */
/**
 * GitHub refused the token (401) or this operation (403 that is not a rate limit): fork PRs get a
 * read-only GITHUB_TOKEN, a job may lack `permissions:`, a conversation may be locked. The caller
 * warns and goes on.
 */
class GitHubPermissionError extends Error {
    status;
    operation;
    commentUrl;
    constructor(message, status, operation = 'create', 
    /** The comment an `update` was refused for. */
    commentUrl) {
        super(message);
        this.status = status;
        this.operation = operation;
        this.commentUrl = commentUrl;
        this.name = 'GitHubPermissionError';
    }
}
/**
 * GitHub did not answer usefully in time: 5xx, network errors, timeouts or rate limits beyond the
 * retry budget, after the retries that were safe to make. `transient` is true when the request may
 * or may not have been carried out (a create whose answer was lost).
 */
class GitHubUnavailableError extends Error {
    status;
    transient;
    constructor(message, status, transient) {
        super(message);
        this.status = status;
        this.transient = transient;
        this.name = 'GitHubUnavailableError';
    }
}
function isRequestError(err) {
    return typeof err === 'object' && err !== null && typeof err.status === 'number';
}
/** Turns "the token may not do this" into a GitHubPermissionError; other errors pass through. */
function classifyError(err, operation, commentUrl) {
    if (!isRequestError(err))
        return err;
    const message = err.message ?? '';
    // A 403 that was a rate limit has been waited out or turned into GitHubUnavailableError already;
    // one that still says so is not the token's fault.
    if (err.status === 403 && !/rate limit/i.test(message))
        return new GitHubPermissionError(message, 403, operation, commentUrl);
    if (err.status === 401)
        return new GitHubPermissionError(message || 'Bad credentials', 401, operation);
    return err;
}

;// CONCATENATED MODULE: ./src/seams/github/marker.ts
/**
 * The hidden marker that makes the PR comment sticky. It is keyed by the Dockerfile path and the
 * `target` input (as the user wrote it, empty for the default), so several stagegate steps in one
 * workflow (a monorepo) keep separate comments, and a run whose Dockerfile fails to parse still
 * updates the same comment as the runs before it.
 */
function normalizePath(file) {
    return file
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\/{2,}/g, '/');
}
/**
 * `<!-- stagegate:examples/hello/Dockerfile:runtime -->`. Whitespace, `%`, `<`, `>` and `--` are
 * percent-encoded, so a hostile path cannot end the HTML comment early and show up as markup.
 */
function commentMarker(dockerfile, target) {
    let key = `${normalizePath(dockerfile)}:${target ?? ''}`.replace(/[%<>\s]/g, (c) => encodeURIComponent(c));
    while (key.includes('--'))
        key = key.replace(/--/g, '-%2D');
    return `<!-- stagegate:${key} -->`;
}
/** Whether a comment body is the one stagegate posted for this marker (the marker opens the body). */
function hasMarker(body, marker) {
    return typeof body === 'string' && body.startsWith(marker);
}
/** The body as posted: marker first (so a reply quoting the comment never matches), then the report. */
function withMarker(marker, markdown) {
    return `${marker}\n${markdown}`;
}

;// CONCATENATED MODULE: ./src/report/redact.ts
/**
 * Secrets out of everything stagegate writes. Pure: the secret values in, a redactor out.
 *
 * The runner's `::add-mask::` hides a value in the log only; the comment, the job summary, the
 * outputs, the JSON report (uploaded as an artifact in the fork pattern), SARIF and the base reports
 * kept in the Actions cache are stagegate's own to clean. BuildKit shows RUN steps with build args
 * expanded and image history records them (`RUN |2 NPM_TOKEN=... /bin/sh -c ...`), so step names,
 * log tails, failure messages and layers' `createdBy` can all carry a value.
 *
 * Rules (docs/security.md#secrets):
 * - a value of at least MIN_SUBSTRING_LENGTH characters is replaced wherever it occurs, as given,
 *   URL-encoded, and line by line for a multi-line value (a log shows a key's lines one per line);
 * - `NAME=value` where NAME looks secret (SECRET_NAME) has its value replaced whatever it is, so a
 *   short value, or one that never came from stagegate's inputs (image history of a base image,
 *   an ENV line), is hidden where it is named;
 * - a shorter value is never replaced on its own: replacing every `a` would wreck the report and
 *   hide nothing (a 3-character secret is guessed, not leaked).
 */
/** Names whose values are secret: build-args masked in the log, `NAME=value` redacted everywhere. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|KEY|CREDENTIAL|AUTH)/i;
/** What replaces a secret: the runner's own mask, so a reader knows what happened. */
const REDACTED = '***';
/** Shorter values are redacted only after their name (`NAME=value`), never as bare substrings. */
const MIN_SUBSTRING_LENGTH = 4;
/** `NAME=value`, `NAME="a b"` or `NAME='a b'`, NAME not glued to a word before it. */
const ASSIGNMENT = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)=("[^"\n]*"|'[^'\n]*'|[^\s"'`,;|&)]*)/g;
/** An empty value, or the marker as written or as Markdown escapes it. */
const ALREADY_REDACTED = /^(|["']?(\\?\*){3}["']?)$/;
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** Every form a value is searched for: itself, URL-encoded, and each line of a multi-line value. */
function formsOf(value) {
    const forms = new Set([value, value.trim()]);
    try {
        forms.add(encodeURIComponent(value));
    }
    catch {
        // a lone surrogate cannot be URL-encoded; the value itself is still searched for
    }
    for (const line of value.split(/\r?\n/))
        forms.add(line.trim());
    return [...forms].filter((f) => f.length >= MIN_SUBSTRING_LENGTH);
}
/** The redactor for a run: every secret value and every secret-looking `NAME=value`. */
function createRedactor(secretValues) {
    const forms = [...new Set([...secretValues].flatMap(formsOf))].sort((a, b) => b.length - a.length);
    const literal = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : undefined;
    return (text) => redactAssignments(literal ? text.replace(literal, REDACTED) : text);
}
/** `NAME=value` with a secret-looking NAME loses its value; `a=B_TOKEN=x` is looked into. */
function redactAssignments(text) {
    return text.replace(ASSIGNMENT, (whole, name, value) => {
        if (!SECRET_NAME.test(name))
            return value.includes('=') ? `${name}=${redactAssignments(value)}` : whole;
        // Already redacted, maybe as Markdown escapes it (`\*\*\*`): redacting is idempotent, so the
        // comment-body output (redacted again by the runner) stays the comment that was posted.
        return ALREADY_REDACTED.test(value) ? whole : `${name}=${REDACTED}`;
    });
}
/** A copy of plain data (the report model, a job's measurements) with every string redacted. */
function redactDeep(value, redact) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value))
        return value.map((v) => redactDeep(v, redact));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        const out = {};
        for (const [k, v] of Object.entries(value))
            out[k] = redactDeep(v, redact);
        return out;
    }
    return value;
}
/**
 * The runner with every message, output and summary redacted: for what the phases write before
 * publish (build warnings, annotations) and the step's failure message. Inputs and the event pass.
 */
function redactingRunner(runner, redact) {
    const props = (p) => p?.title === undefined ? p : { ...p, title: redact(p.title) };
    return {
        ...runner,
        setOutput: (name, value) => runner.setOutput(name, redact(value)),
        debug: (m) => runner.debug(redact(m)),
        info: (m) => runner.info(redact(m)),
        notice: (m, p) => runner.notice(redact(m), props(p)),
        warning: (m, p) => runner.warning(redact(m), props(p)),
        error: (m, p) => runner.error(redact(m), props(p)),
        group: (name, fn) => runner.group(redact(name), fn),
        writeSummary: (markdown) => runner.writeSummary(redact(markdown)),
        setFailed: (m) => runner.setFailed(redact(m)),
    };
}

;// CONCATENATED MODULE: ./src/report/publish.ts
/**
 * Publishing a finished report: outputs, job summary and the sticky PR comment, by event:
 * - pull_request (and pull_request_target): all three;
 * - push: outputs and summary, no comment (there is no PR; the base report is saved by the size work);
 * - anything else (workflow_dispatch, schedule, merge_group...): outputs and summary only;
 * - workflow_run with the `report-file` input (post-only mode): the comment for the PR that the
 *   triggering run built, after checking that the PR's head is the commit that run built.
 * It talks to the world only through the runner and GitHub seams it is given.
 */








const SUMMARY_BUDGET = SUMMARY_MAX_BYTES - SUMMARY_RESERVED_BYTES;
function runUrl(event) {
    if (!event.repository || !event.runId)
        return undefined;
    return `${event.serverUrl.replace(/\/+$/, '')}/${event.repository}/actions/runs/${event.runId}`;
}
function describe(err) {
    return err instanceof Error ? err.message : String(err);
}
const STILL_PUBLISHED = 'The report is still in the job summary and in the comment-body and report-file outputs.';
/** GitHub's wording when a token lacks the permission (installation tokens, then personal ones). */
function lacksPermission(message) {
    return /not accessible by (integration|personal access token)/i.test(message);
}
/**
 * What went wrong and what would fix it, told apart: a bad token (401), a fork PR's read-only
 * token, a refused edit of stagegate's own comment, and a token that may not write comments.
 * `pull-requests: write` is suggested only where its absence is the cause.
 */
function permissionWarning(err, event, pr) {
    const said = `${err.status} ${err.message}`;
    if (err.status === 401) {
        return (`stagegate could not comment on PR #${pr}: GitHub refused the token (${said}). ` +
            'The token in the `github-token` input is invalid, expired or revoked; no `permissions:` entry changes that. ' +
            `${STILL_PUBLISHED} Fix: pass a valid token, or leave \`github-token\` at its default, the workflow's own token.`);
    }
    if (event.pullRequest?.fromFork) {
        return (`stagegate could not comment on PR #${pr}: the token may not write comments (${said}). ` +
            'This pull request comes from a fork, and GitHub gives fork PRs a read-only token whatever the workflow asks for, ' +
            `so adding \`permissions: pull-requests: write\` does not help here. ${STILL_PUBLISHED} ` +
            'Fix: post the report from a second workflow triggered by workflow_run with the `report-file` input ' +
            '(see docs/forks.md). Do not build PR code under pull_request_target.');
    }
    if (err.operation === 'update' && !lacksPermission(err.message)) {
        return (`stagegate could not update its comment on PR #${pr}: GitHub refused the edit of ` +
            `${err.commentUrl ?? 'its earlier comment'} (${said}). That comment still shows an earlier run's report. ` +
            `${STILL_PUBLISHED} stagegate does not post a second comment beside it (two reports would disagree). ` +
            'Fix: if the conversation is locked, unlock it; otherwise delete that comment, and the next run creates a new one.');
    }
    const verb = err.operation === 'update' ? 'edit its comment' : 'write comments';
    return (`stagegate could not comment on PR #${pr}: the token may not ${verb} (${said}). ${STILL_PUBLISHED} ` +
        'Fix: give the job `permissions: pull-requests: write` (or pass a token that may comment); for PRs from forks, ' +
        'post the report from a second workflow triggered by workflow_run with the `report-file` input (see docs/forks.md). ' +
        'Do not build PR code under pull_request_target.');
}
/** Sets the outputs, writes the job summary and posts the comment. Never throws for API failures. */
async function publishReport(deps, request) {
    const { runner } = deps;
    const { report, reportPath, inputs, event } = request;
    const marker = commentMarker(report.dockerfile, inputs.target);
    const run = runUrl(event);
    const summaryHint = run
        ? `the [job summary](${run}) and the JSON report (\`report-file\` output)`
        : 'the job summary';
    const commentBody = renderMarkdown(report, {
        maxChars: COMMENT_MAX_CHARS - marker.length - 1,
        limitName: `GitHub's ${COMMENT_MAX_CHARS.toLocaleString('en-US')}-character limit for comments`,
        fullReportHint: summaryHint,
    });
    const summary = renderMarkdown(report, {
        maxBytes: SUMMARY_BUDGET,
        limitName: "GitHub's 1 MiB limit for job summaries",
        allFindings: true,
        fullReportHint: 'the JSON report (the `report-file` output)',
    });
    runner.setOutput('size', report.image ? String(report.image.size) : '');
    runner.setOutput('compressed-size', report.image ? String(report.image.compressedSize) : '');
    runner.setOutput('base-size', report.base.image ? String(report.base.image.size) : '');
    runner.setOutput('size-delta', report.delta ? String(report.delta.size) : '');
    runner.setOutput('test-result', report.test.result);
    runner.setOutput('findings', String(report.findings.length));
    runner.setOutput('report-file', reportPath);
    runner.setOutput('comment-body', commentBody);
    await runner.writeSummary(summary);
    const pr = request.pullRequest ?? event.pullRequest?.number;
    if (!inputs.comment)
        return { commentBody, summary, comment: 'skipped' };
    if (pr === undefined) {
        runner.info(`No PR comment for a ${event.eventName || 'local'} event; the report is in the job summary and the outputs.`);
        return { commentBody, summary, comment: 'skipped' };
    }
    if (!event.repository || !deps.github)
        return { commentBody, summary, comment: 'skipped' };
    const [owner, repo] = event.repository.split('/');
    try {
        const api = deps.github(inputs['github-token'], event.apiUrl);
        if (request.expectedHeadSha) {
            const head = await api.getPullRequest(owner, repo, pr);
            if (head.headSha !== request.expectedHeadSha) {
                runner.warning(`Not commenting on PR #${pr}: its head is ${head.headSha}, but the report was built from ${request.expectedHeadSha}. ` +
                    'The report names a PR that the triggering run did not build (or the PR moved on since).');
                return { commentBody, summary, comment: 'skipped' };
            }
        }
        const res = await api.upsertComment({ owner, repo, issueNumber: pr }, marker, commentBody);
        const dupes = res.removedDuplicates
            ? ` (removed ${res.removedDuplicates} duplicate(s) from a concurrent run)`
            : '';
        const author = res.author ? ` as ${res.author}` : '';
        runner.info(`PR comment ${res.action}${author}${res.url ? `: ${res.url}` : ''}${dupes}`);
        return { commentBody, summary, comment: res.action };
    }
    catch (err) {
        if (err instanceof GitHubPermissionError)
            runner.warning(permissionWarning(err, event, pr));
        else
            runner.warning(`stagegate could not post the PR comment on #${pr}: ${describe(err)}`);
        return { commentBody, summary, comment: 'failed' };
    }
}
/**
 * `report-file` may name the file, or the directory an artifact was downloaded to when it holds
 * exactly one JSON file (the report's name depends on `file` and `target`, so users need not spell it).
 */
function resolveReportPath(given) {
    if (!(0,external_node_fs_.existsSync)(given) || !(0,external_node_fs_.statSync)(given).isDirectory())
        return given;
    const json = (0,external_node_fs_.readdirSync)(given).filter((f) => f.endsWith('.json'));
    if (json.length === 1)
        return (0,external_node_path_.join)(given, json[0]);
    throw new ReportFileError(`Input 'report-file' is the directory '${given}', which holds ${json.length === 0 ? 'no JSON file' : `${json.length} JSON files (${json.join(', ')})`}; name the report file itself.`);
}
/** Why a report file cannot be posted; thrown as a message the step fails with. */
class ReportFileError extends Error {
}
/**
 * Reads a report written by an earlier run. The file may come from an untrusted run (a fork's
 * artifact), so its shape is checked before anything renders it; rendering escapes every string.
 */
function readReportFile(given) {
    const path = resolveReportPath(given);
    if (!(0,external_node_fs_.existsSync)(path)) {
        throw new ReportFileError(`Input 'report-file' is '${path}', which does not exist. Download the report artifact first ` +
            '(actions/download-artifact with run-id: ${{ github.event.workflow_run.id }}), then pass its path.');
    }
    let data;
    try {
        data = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (err) {
        throw new ReportFileError(`Input 'report-file' ('${path}') is not JSON: ${describe(err)}`);
    }
    const problems = reportShapeProblems(data);
    if (problems.length) {
        throw new ReportFileError(`Input 'report-file' ('${path}') is not a stagegate report (schema ${src_model/* REPORT_SCHEMA_VERSION */.WI}): ${problems.join('; ')}.`);
    }
    return data;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** The checks renderers rely on: types of the fields they read without guarding. */
function reportShapeProblems(data) {
    if (!isObject(data))
        return ['the top level is not an object'];
    const p = [];
    if (data.schemaVersion !== src_model/* REPORT_SCHEMA_VERSION */.WI)
        p.push(`schemaVersion is ${JSON.stringify(data.schemaVersion)}`);
    if (typeof data.dockerfile !== 'string')
        p.push('dockerfile is not a string');
    if (!isObject(data.source))
        p.push('source is not an object');
    if (!isObject(data.test) || typeof data.test.result !== 'string')
        p.push('test.result is missing');
    if (!isObject(data.base) || typeof data.base.status !== 'string')
        p.push('base.status is missing');
    if (!isObject(data.tool))
        p.push('tool is not an object');
    for (const key of ['stages', 'builds', 'budgets', 'findings', 'errors']) {
        if (!Array.isArray(data[key]))
            p.push(`${key} is not a list`);
    }
    if (data.image !== undefined) {
        const img = data.image;
        if (!isObject(img) ||
            typeof img.size !== 'number' ||
            typeof img.compressedSize !== 'number' ||
            !Array.isArray(img.layers))
            p.push('image is malformed');
    }
    if (data.delta !== undefined && (!isObject(data.delta) || !Array.isArray(data.delta.layers)))
        p.push('delta is malformed');
    if (Array.isArray(data.findings) &&
        !data.findings.every((f) => isObject(f) && typeof f.line === 'number' && typeof f.message === 'string'))
        p.push('findings are malformed');
    if (Array.isArray(data.stages) && !data.stages.every((s) => isObject(s) && typeof s.base === 'string'))
        p.push('stages are malformed');
    return p;
}
/**
 * Post-only mode: render and post a report an earlier run wrote. Under workflow_run the PR number
 * comes from the report, so it is trusted only when that PR's head is the commit the run built.
 */
async function postReportFile(deps, inputs, event) {
    const path = inputs['report-file'] ?? '';
    let report;
    try {
        const read = readReportFile(path);
        report = deps.redact ? redactDeep(read, deps.redact) : read;
    }
    catch (err) {
        if (!(err instanceof ReportFileError))
            throw err;
        deps.runner.error(err.message, { title: 'stagegate: report-file' });
        return { failures: [err.message] };
    }
    let pullRequest = event.pullRequest?.number;
    let expectedHeadSha;
    if (pullRequest === undefined && event.workflowRun) {
        const claimed = report.source.pullRequest;
        const known = event.workflowRun.pullRequests;
        if (typeof claimed === 'number' && (known.length === 0 || known.includes(claimed))) {
            pullRequest = claimed;
            expectedHeadSha = event.workflowRun.headSha;
            if (!expectedHeadSha)
                pullRequest = undefined;
        }
        else if (typeof claimed === 'number') {
            deps.runner.warning(`The report names PR #${claimed}, but the triggering run belongs to PR(s) ${known.join(', ')}; not commenting.`);
        }
    }
    const result = await publishReport(deps, {
        report,
        reportPath: resolveReportPath(path),
        inputs,
        event,
        pullRequest,
        expectedHeadSha,
    });
    return { report, result, failures: [] };
}

// EXTERNAL MODULE: ./src/report/sarif.ts
var sarif = __webpack_require__(643);
// EXTERNAL MODULE: ./src/rules/registry.ts + 35 modules
var registry = __webpack_require__(1884);
;// CONCATENATED MODULE: ./src/phases/publish.ts
/**
 * Phase 5, publish: everything the run can say, whatever failed before. Errors and findings as
 * annotations, base reports kept for later runs, the JSON report and SARIF files, then outputs, job
 * summary and the sticky comment (report/publish.ts). The step is failed only after all of it, by
 * the caller (fail late).
 *
 * Secrets are redacted here, once, from everything the phases before produced (report/redact.ts),
 * before anything is written: no renderer, file or cache entry sees a value the run masks.
 */













function defaultReportPath(inputs) {
    const dir = runnerTemp();
    const slug = `${inputs.file}-${inputs.target ?? 'last'}`.replace(/[^A-Za-z0-9_.-]+/g, '_');
    return (0,external_node_path_.join)(dir, `stagegate-report-${slug}.json`);
}
function sourceOf(event) {
    return {
        repository: event.repository,
        serverUrl: event.serverUrl,
        sha: event.pullRequest?.headSha ?? event.sha,
        pullRequest: event.pullRequest?.number,
        event: event.eventName || undefined,
    };
}
/** Only the annotations GitHub will show (see report/annotations.ts); the summary counts the rest. */
function annotate(runner, errors, findings) {
    for (const a of jobAnnotations(errors, findings).shown)
        runner[a.level](a.message, a.props);
}
/** Keeps this run's base reports; a push's own saved measurement is worth a line in the report. */
async function keepBaseReports(ctx, start, planned, measured) {
    const { model } = start;
    const { plan } = planned;
    const { base, image } = measured;
    if (!model || !plan || !start.inputs.compare || !measured.engine)
        return base;
    const target = targetStageName(model, plan);
    const saved = await saveBaseReports({
        cache: ctx.cache,
        log: ctx.runner,
        inputs: start.inputs,
        event: start.event,
        target,
        imageStore: measured.engine.imageStore,
        head: image,
        base,
        layers: ctx.scans.layers,
    });
    if (!saved.own || base?.status !== 'disabled')
        return base;
    return {
        ...base,
        message: `${base.message ?? ''} This commit's measurement was saved for pull requests based on it.`.trim(),
    };
}
function writeReportFiles(ctx, start, report, findings) {
    const reportPath = ctx.reportPath ?? defaultReportPath(start.inputs);
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(reportPath), { recursive: true });
    (0,external_node_fs_.writeFileSync)(reportPath, JSON.stringify(report, null, 2) + '\n');
    // For code scanning (github/codeql-action/upload-sarif): findings as alerts on the Dockerfile's lines.
    const sarifPath = reportPath.replace(/\.json$/, '') + '.sarif';
    (0,external_node_fs_.writeFileSync)(sarifPath, JSON.stringify((0,sarif/* toSarif */.zv)(findings, registry/* allRules */.V7), null, 2) + '\n');
    ctx.runner.setOutput('sarif-file', sarifPath);
    return reportPath;
}
/** The phases' data with every secret redacted: what publish writes is made from these only. */
function redacted(start, data) {
    const redact = createRedactor(start.secrets);
    return { ...redactDeep(data, redact), redact };
}
async function publishJob(ctx, start, planned, rawLinted, rawMeasured, rawVerdict) {
    const { linted, measured, verdict, redact } = redacted(start, {
        linted: rawLinted,
        measured: rawMeasured,
        verdict: rawVerdict,
    });
    const { inputs, event, model } = start;
    // Annotated: the findings the step is judged on (by default the pull request's new ones).
    annotate(ctx.runner, verdict.errors, (0,src_model/* judgedFindings */.II)(linted.findings, inputs['fail-on-existing-findings']));
    const base = await keepBaseReports(ctx, start, planned, measured);
    // The model's strings (stage names, instruction text) are redacted with the rest.
    const report = redactDeep({
        ...assembleReport({
            dockerfile: inputs.file,
            context: inputs.context,
            source: sourceOf(event),
            model,
            plan: planned.plan,
            outcome: measured.outcome && verdict.test ? { ...measured.outcome, test: verdict.test } : measured.outcome,
            image: measured.image,
            base,
            delta: verdict.delta,
            budgets: verdict.budgets,
            findings: linted.findings,
            findingsBaseline: linted.baseline,
            lintNotes: linted.notes,
            engine: measured.engine,
            errors: verdict.errors.map(({ step, message }) => ({ step, message })),
        }),
        // The headline says why the step fails; findings fail it only at or above fail-on.
        failOn: inputs['fail-on'],
        failOnExistingFindings: inputs['fail-on-existing-findings'],
    }, redact);
    const reportPath = writeReportFiles(ctx, start, report, linted.findings);
    await publishReport({ runner: ctx.runner, github: ctx.github }, { report, reportPath, inputs, event });
    return { report, markdown: renderMarkdown(report), reportPath, failures: verdict.failures };
}

;// CONCATENATED MODULE: ./src/build/workspace-paths.ts
/**
 * `context` and `file` must stay inside the workspace (GITHUB_WORKSPACE): the build reads what the
 * checkout holds, and the base commit is built from the same relative path in its own worktree, so
 * a path outside would build unrelated files on both sides. Symlinks are followed where the path
 * exists, so a link out of the checkout is refused too.
 */


/** The path with symlinks resolved as far as it exists (a missing Dockerfile under a link out still leads out). */
function real(path) {
    try {
        return (0,external_node_fs_.realpathSync)(path);
    }
    catch {
        const parent = (0,external_node_path_.dirname)(path);
        return parent === path ? path : (0,external_node_path_.join)(real(parent), (0,external_node_path_.basename)(path));
    }
}
function inside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel === '' || (!rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel));
}
/** What is wrong with each of `context` and `file` that leads outside `workspace`, one line each. */
function pathsOutsideWorkspace(paths, workspace) {
    const root = (0,external_node_path_.resolve)(workspace);
    const realRoot = real(root);
    const problems = [];
    for (const name of ['context', 'file']) {
        const given = paths[name];
        const absolute = (0,external_node_path_.resolve)(root, given);
        const resolved = real(absolute);
        if (inside(root, absolute) && inside(realRoot, resolved))
            continue;
        const via = resolved !== absolute ? ` (through a symlink, ${resolved})` : '';
        problems.push(`Input '${name}' is '${given}', which resolves to ${absolute}${via}, outside the workspace ${root}. ` +
            `stagegate builds only what the checkout holds (the base commit from the same path in its worktree): ` +
            `use a path inside the workspace, relative to it (e.g. '.' or 'app${name === 'file' ? '/Dockerfile' : ''}').`);
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/input-lists.ts
/** How list and boolean inputs are written, shared by inputs.ts and build-inputs.ts. */
/** Splits a list input: one item per line, and also per comma unless values may contain commas. */
function parseList(text, options) {
    const lines = text.split(/\r?\n/);
    const items = options.commas ? lines.flatMap((l) => l.split(',')) : lines;
    return items.map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'));
}
function parseBool(name, raw, problems) {
    const v = raw.trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(v))
        return true;
    if (['false', 'no', 'off', '0'].includes(v))
        return false;
    problems.push(`Input '${name}' is '${raw}'; expected true or false.`);
    return true;
}

;// CONCATENATED MODULE: ./src/build-inputs.ts
/**
 * The build inputs stagegate shares with docker/build-push-action, with the same names and formats:
 * `secrets`, `secret-envs`, `secret-files`, `ssh`, `build-contexts`, `platforms`, `no-cache`, `pull`.
 * Bad entries are problems (one line each, naming the input and what would be right); a problem
 * never quotes a secret's value, only its id or line number.
 */



/** What BuildKit accepts as a secret or ssh id, and what fits in docker's `id=...,env=...` spec unquoted. */
const ID = /^[A-Za-z0-9_.-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A build context name as a Dockerfile's FROM or COPY --from refers to it (an image name may have / and :). */
const CONTEXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.\-/:@]*$/;
/** os/arch[/variant], as docker's --platform takes it. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
/**
 * The lines of a `secrets` input, as docker/build-push-action reads them (CSV): one `id=value` per
 * line, or a double-quoted `"id=value"` that may span lines (a multi-line key), `""` for a quote.
 */
function secretLines(text) {
    const out = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i].trim();
        if (line === '' || line.startsWith('#'))
            continue;
        if (!line.startsWith('"')) {
            out.push(line);
            continue;
        }
        // A quoted item ends at a quote that is not doubled, maybe lines later.
        let item = lines[i].trimStart().slice(1);
        while (!/(^|[^"])("")*"\s*$/.test(item) && i + 1 < lines.length)
            item += '\n' + lines[++i];
        out.push(item.replace(/"\s*$/, '').replace(/""/g, '"'));
    }
    return out;
}
/** Splits `id=rest` lines; a bad line is a problem naming its line number only (it may be a secret). */
function pairs(name, lines, shape, problems, checkId = ID) {
    const out = [];
    lines.forEach((line, n) => {
        const eq = line.indexOf('=');
        const id = eq === -1 ? '' : line.slice(0, eq).trim();
        if (eq <= 0 || !checkId.test(id)) {
            problems.push(`Input '${name}' line ${n + 1} is not ${shape}; write one per line (id: letters, digits, '_', '.' or '-').`);
            return;
        }
        out.push([id, line.slice(eq + 1)]);
    });
    return out;
}
function parseSecrets(get, problems) {
    const secrets = pairs('secrets', secretLines(get('secrets')), 'id=value', problems).map(([id, value]) => ({
        id,
        value,
    }));
    const envs = [];
    for (const [id, env] of pairs('secret-envs', parseList(get('secret-envs'), { commas: false }), 'id=ENV_NAME', problems)) {
        if (ENV_NAME.test(env.trim()))
            envs.push({ id, env: env.trim() });
        else
            problems.push(`Input 'secret-envs' has '${id}=${env}'; the part after '=' must name an environment variable (letters, digits and _).`);
    }
    const files = [];
    for (const [id, given] of pairs('secret-files', parseList(get('secret-files'), { commas: false }), 'id=path', problems)) {
        const path = (0,external_node_path_.resolve)(given.trim());
        if (given.trim() && (0,external_node_fs_.existsSync)(path))
            files.push({ id, path });
        else
            problems.push(`Input 'secret-files' has '${id}=${given}', but no file is there; write id=path to a file that an earlier step wrote.`);
    }
    return { secrets, envs, files };
}
function parseSsh(get, problems) {
    const specs = parseList(get('ssh'), { commas: false });
    for (const spec of specs) {
        const eq = spec.indexOf('=');
        const id = eq === -1 ? spec : spec.slice(0, eq);
        if (!ID.test(id) || (eq !== -1 && spec.slice(eq + 1).trim() === ''))
            problems.push(`Input 'ssh' has '${spec}'; write 'default' (the runner's SSH agent, SSH_AUTH_SOCK), or id=path to an agent socket or key, one per line.`);
    }
    return specs;
}
function parseContexts(get, problems) {
    const lines = parseList(get('build-contexts'), { commas: false });
    return pairs('build-contexts', lines, 'name=path-or-image', problems, CONTEXT_NAME).flatMap(([name, value]) => {
        if (value.trim())
            return [{ name, value: value.trim() }];
        problems.push(`Input 'build-contexts' has '${name}=' with nothing after '='; write name=path (a folder) or name=docker-image://image.`);
        return [];
    });
}
function parsePlatforms(get, problems) {
    const platforms = parseList(get('platforms'), { commas: true });
    for (const p of platforms)
        if (!PLATFORM.test(p))
            problems.push(`Input 'platforms' has '${p}'; expected os/arch[/variant] such as linux/amd64 or linux/arm64/v8.`);
    return platforms.filter((p) => PLATFORM.test(p));
}
function parseBuildInputs(get, problems) {
    const { secrets, envs, files } = parseSecrets(get, problems);
    return {
        secrets,
        'secret-envs': envs,
        'secret-files': files,
        ssh: parseSsh(get, problems),
        'build-contexts': parseContexts(get, problems),
        platforms: parsePlatforms(get, problems),
        'no-cache': parseBool('no-cache', get('no-cache').trim() || 'false', problems),
        pull: parseBool('pull', get('pull').trim() || 'false', problems),
    };
}

;// CONCATENATED MODULE: ./src/inputs.ts






/** Defaults as action.yml declares them; the runner applies them, the CLI and tests use these. */
const INPUT_DEFAULTS = {
    context: '.',
    'test-stage': 'test',
    compare: 'true',
    comment: 'true',
    'fail-on': 'error',
    'fail-on-existing-findings': 'false',
    'no-cache': 'false',
    pull: 'false',
    'test-timeout': '30m',
};
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.join('\n'));
        this.problems = problems;
        this.name = 'InputError';
    }
}
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `test-timeout` in ms; undefined for `0` (no limit). A bad value is a problem, and the default applies. */
function parseTestTimeout(text, problems) {
    const fallback = parseDuration(INPUT_DEFAULTS['test-timeout']);
    const ms = parseDuration(text || INPUT_DEFAULTS['test-timeout']);
    if (ms === undefined) {
        problems.push(`Input 'test-timeout' is '${text}'; expected a duration such as 90s, 30m or 1h (or 0 for no limit).`);
        return fallback;
    }
    return ms || undefined;
}
/** Reads every input; bad ones are problems (data the job reports and fails on), never an exception. */
function parseFailOn(value, problems) {
    const failOnRaw = (value || 'error').toLowerCase();
    const failOnValues = [...src_model/* SEVERITIES */.oC, 'never'];
    if (failOnValues.includes(failOnRaw))
        return failOnRaw;
    problems.push(`Input 'fail-on' is '${failOnRaw}'; expected one of ${failOnValues.join(', ')}.`);
    return 'error';
}
function parseInputs(get) {
    const problems = [];
    const raw = (name) => get(name).trim();
    const context = raw('context') || '.';
    const file = raw('file') || `${context.replace(/\/+$/, '') || '.'}/Dockerfile`;
    const buildArgs = [];
    for (const line of parseList(get('build-args'), { commas: false })) {
        const eq = line.indexOf('=');
        const name = eq === -1 ? line : line.slice(0, eq);
        if (!ARG_NAME.test(name)) {
            problems.push(`Input 'build-args' has '${name}', which is not a valid build-arg name; write one NAME=value per line (NAME: letters, digits and _).`);
            continue;
        }
        // NAME alone passes the variable from the environment, as `docker build --build-arg NAME` does.
        buildArgs.push({ name, value: eq === -1 ? (process.env[name] ?? '') : line.slice(eq + 1) });
    }
    const maxSizeRaw = raw('max-size');
    let maxSize;
    if (maxSizeRaw) {
        const bytes = parseByteSize(maxSizeRaw);
        if (bytes === undefined)
            problems.push(`Input 'max-size' is '${maxSizeRaw}'; expected a size such as 200MB, 1.5GiB or 52428800 (bytes).`);
        else
            maxSize = { raw: maxSizeRaw, bytes };
    }
    const increaseRaw = raw('max-size-increase');
    let maxIncrease;
    if (increaseRaw) {
        const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(increaseRaw);
        const bytes = pct ? undefined : parseByteSize(increaseRaw);
        if (pct)
            maxIncrease = { raw: increaseRaw, percent: Number(pct[1]) };
        else if (bytes !== undefined)
            maxIncrease = { raw: increaseRaw, bytes };
        else
            problems.push(`Input 'max-size-increase' is '${increaseRaw}'; expected a size such as 10MB or a percentage such as 5%.`);
    }
    const failOn = parseFailOn(raw('fail-on'), problems);
    const buildInputs = parseBuildInputs(get, problems);
    const testTimeout = parseTestTimeout(raw('test-timeout'), problems);
    const inputs = {
        ...buildInputs,
        context,
        file,
        target: raw('target') || undefined,
        'test-stage': raw('test-stage') || undefined,
        'test-timeout': testTimeout,
        stages: parseList(get('stages'), { commas: true }),
        'build-args': buildArgs,
        builder: raw('builder') || undefined,
        'cache-from': parseList(get('cache-from'), { commas: false }),
        'cache-to': parseList(get('cache-to'), { commas: false }),
        'base-ref': raw('base-ref') || undefined,
        compare: parseBool('compare', raw('compare') || 'true', problems),
        'max-size': maxSize,
        'max-size-increase': maxIncrease,
        comment: parseBool('comment', raw('comment') || 'true', problems),
        'github-token': raw('github-token'),
        'fail-on': failOn,
        'fail-on-existing-findings': parseBool('fail-on-existing-findings', raw('fail-on-existing-findings') || 'false', problems),
        config: raw('config') || undefined,
        'report-file': raw('report-file') || undefined,
    };
    return { inputs, problems };
}
/** The inputs when all are good; throws InputError naming every bad one (tests and the CLI). */
function readInputs(get) {
    const { inputs, problems } = parseInputs(get);
    if (problems.length)
        throw new InputError(problems);
    return inputs;
}
function parseRunnerInputs(runner) {
    return parseInputs((name) => runner.getInput(name));
}

;// CONCATENATED MODULE: ./src/phases/read.ts
/**
 * Phase 1, read: the event, the inputs and the Dockerfile. Nothing here fails the job: a bad input
 * or an unreadable Dockerfile is an error the later phases carry to the report (fail late).
 */







/** A secret file bigger than this is a bundle of certificates, not one value to look for. */
const SECRET_FILE_MAX_BYTES = 64 * 1024;
function fileSecret(path) {
    try {
        if ((0,external_node_fs_.statSync)(path).size > SECRET_FILE_MAX_BYTES)
            return undefined;
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        return undefined;
    }
}
/**
 * What is secret in this run, with where it came from (for the warning about short values):
 * build-args with secret-looking names, `secrets`, and the values `secret-envs` and `secret-files` name.
 */
function secretsOf(inputs, env) {
    return [
        ...inputs['build-args']
            .filter((a) => SECRET_NAME.test(a.name))
            .map((a) => ({ from: `build-arg '${a.name}'`, value: a.value })),
        ...inputs.secrets.map((s) => ({ from: `secret '${s.id}'`, value: s.value })),
        ...inputs['secret-envs'].map((s) => ({ from: `secret '${s.id}' (${s.env})`, value: env[s.env] ?? '' })),
        ...inputs['secret-files'].map((s) => ({
            from: `secret file '${s.id}'`,
            value: fileSecret(s.path) ?? '',
        })),
    ].filter((s) => s.value !== '');
}
/** Masks every secret in the log; says which are too short to be found in what stagegate writes. */
function maskSecrets(runner, inputs) {
    const secrets = secretsOf(inputs, process.env);
    for (const s of secrets) {
        runner.setSecret(s.value);
        for (const line of s.value.split(/\r?\n/))
            if (line.trim() && line !== s.value)
                runner.setSecret(line.trim());
    }
    const short = secrets.filter((s) => s.value.trim().length < MIN_SUBSTRING_LENGTH).map((s) => s.from);
    if (short.length)
        runner.warning(`The value of ${short.join(', ')} is shorter than ${MIN_SUBSTRING_LENGTH} characters, so stagegate hides it in the report only where its name is next to it (NAME=value), not wherever it occurs. A real credential is longer (docs/security.md#secrets).`);
    return secrets.map((s) => s.value);
}
function warnAboutPullRequestTarget(runner, event) {
    if (event.eventName !== 'pull_request_target')
        return;
    runner.warning('stagegate is building pull request code under pull_request_target, where it runs with a write token and ' +
        'the repository secrets. Build under pull_request and post from a workflow_run workflow instead (docs/forks.md).');
}
function loadModel(inputs, workspace) {
    try {
        return {
            model: (0,load/* loadDockerfile */.dx)((0,external_node_path_.resolve)(workspace, inputs.file), inputs.file, inputs['build-args'], {
                // Linted (DuplicateStageName) although the plan refuses to build it.
                allowDuplicateStageNames: true,
            }),
        };
    }
    catch (err) {
        return { error: jobErrorOf('dockerfile', err) };
    }
}
function loadable(inputs, workspace) {
    return pathsOutsideWorkspace({ context: '.', file: inputs.file }, workspace).length === 0;
}
function readJob(runner) {
    const event = runner.event();
    const parsed = parseRunnerInputs(runner);
    const { inputs } = parsed;
    const problems = [...parsed.problems, ...pathsOutsideWorkspace(inputs, event.workspace)];
    warnAboutPullRequestTarget(runner, event);
    const secrets = maskSecrets(runner, inputs);
    const errors = problems.map((message) => ({ step: 'inputs', message }));
    // A Dockerfile outside the workspace is not read: what it holds is not this checkout's.
    const { model, error } = problems.length && !loadable(inputs, event.workspace) ? {} : loadModel(inputs, event.workspace);
    return {
        event,
        inputs,
        errors: error ? [...errors, error] : errors,
        badInputs: problems.length > 0,
        model,
        secrets,
    };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The whole job as named phases, each returning the data the next takes (src/phases/):
 * read (event, inputs, Dockerfile) -> plan -> build and measure (head and base together, linting
 * while the engine builds; then the base's findings, to tell the new ones) -> judge (budgets, test gate, findings against fail-on) -> publish
 * (annotations, report files, outputs, summary, comment). An error in any phase is data the later
 * phases carry, so publish always runs and the step fails only after it (fail late).
 * Every side effect goes through the seams in `JobDeps`.
 */











function contextOf(deps) {
    return {
        runner: deps.runner,
        engine: deps.engine,
        docker: createDocker(deps.engine),
        github: deps.github,
        reportPath: deps.reportPath,
        cache: deps.cache ?? NO_CACHE,
        scans: deps.scans ?? createScanStore(),
        signal: deps.signal ?? new AbortController().signal,
    };
}
/** Runs the job and returns what it produced; it never throws for user errors. */
async function runJob(deps) {
    const start = readJob(deps.runner);
    // From here on, whatever reaches the runner (warnings, annotations, outputs, the summary, the
    // failure) has this run's secrets redacted; publish redacts the report model itself.
    const ctx = contextOf({ ...deps, runner: redactingRunner(deps.runner, createRedactor(start.secrets)) });
    if (start.inputs['report-file'] && !start.badInputs) {
        // Post-only mode (the workflow_run half of the fork pattern): nothing is built here.
        return postOnly(ctx, start);
    }
    const planned = planJob(start);
    const { measured, alongside: headFindings } = await buildAndMeasure(ctx, start, planned, () => lintJob(ctx.runner, start, planned, deps.shellcheck));
    // Which findings this pull request brought: the base commit's Dockerfile, linted the same way.
    const linted = await compareFindingsWithBase(ctx, start, planned, headFindings, measured);
    const verdict = judgeJob(start, planned, linted, measured);
    return publishJob(ctx, start, planned, linted, measured, verdict);
}
async function postOnly(ctx, start) {
    const { inputs, event } = start;
    const redact = createRedactor(start.secrets);
    const posted = await postReportFile({ runner: ctx.runner, github: ctx.github, redact }, inputs, event);
    return {
        report: posted.report,
        markdown: posted.result?.commentBody,
        reportPath: inputs['report-file'],
        failures: posted.failures,
    };
}

;// CONCATENATED MODULE: ./src/cli/terminal-runner.ts
/**
 * The runner seam for a terminal: inputs come from command-line flags, logs and annotations go to
 * stderr (so stdout carries only the report), and outputs are kept for the caller.
 */

function where(props) {
    if (!props?.file)
        return '';
    return `${props.file}${props.startLine ? `:${props.startLine}` : ''}: `;
}
function createTerminalRunner(inputs, event, options = {}) {
    const write = options.write ?? ((text) => process.stderr.write(text));
    const secrets = [];
    const mask = (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
    const line = (text) => write(mask(text) + '\n');
    const outputs = new Map();
    const failures = [];
    return {
        outputs,
        failures,
        getInput: (name) => inputs[name] ?? INPUT_DEFAULTS[name] ?? '',
        setOutput: (name, value) => void outputs.set(name, value),
        debug: (m) => {
            if (options.verbose)
                line(`debug: ${m}`);
        },
        info: (m) => line(m),
        notice: (m, p) => line(`notice: ${where(p)}${m}`),
        warning: (m, p) => line(`warning: ${where(p)}${m}`),
        error: (m, p) => line(`error: ${where(p)}${m}`),
        async group(name, fn) {
            line(`▶ ${name}`);
            return fn();
        },
        setSecret: (v) => {
            if (v)
                secrets.push(v);
        },
        writeSummary: async () => undefined,
        setFailed: (m) => {
            failures.push(m);
        },
        event: () => event,
    };
}

// EXTERNAL MODULE: ./src/seams/shellcheck.ts
var shellcheck = __webpack_require__(9985);
;// CONCATENATED MODULE: ./src/cli/report.ts
/** `stagegate report`: the action's whole job, run locally; prints the Markdown report. */







const REPORT_USAGE = `Usage: stagegate report [options]

Builds every stage, runs the test stage, measures the final image, compares it with --base-ref,
lints the Dockerfile, prints the Markdown report on stdout and writes the JSON report.

Options (named like the action's inputs):
  --context DIR             build context (default .)
  --file PATH               Dockerfile (default <context>/Dockerfile)
  --target STAGE            final stage (default: the last stage)
  --test-stage STAGE        test stage (default test; '' turns the gate off)
  --stages A,B              stages to build (default: every named stage)
  --build-arg NAME=VALUE    build argument (repeatable)
  --builder NAME            buildx builder
  --cache-from SPEC         cache source (repeatable)
  --cache-to SPEC           cache destination (repeatable)
  --base-ref REF            commit or branch to compare against (default: no comparison)
  --max-size SIZE           fail above this size (e.g. 200MB)
  --max-size-increase SIZE  fail when it grows more than this (e.g. 10MB or 5%)
  --fail-on SEVERITY        error, warning, info, style or never (default error)
  --config PATH             .stagegate.yml
  --json-file PATH          where to write the JSON report (default stagegate-report.json)
  --verbose                 debug logs
`;
const REPORT_OPTIONS = {
    context: { type: 'string' },
    file: { type: 'string' },
    target: { type: 'string' },
    'test-stage': { type: 'string' },
    stages: { type: 'string' },
    'build-arg': { type: 'string', multiple: true },
    builder: { type: 'string' },
    'cache-from': { type: 'string', multiple: true },
    'cache-to': { type: 'string', multiple: true },
    'base-ref': { type: 'string' },
    'max-size': { type: 'string' },
    'max-size-increase': { type: 'string' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
    'json-file': { type: 'string' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
};
/** The action's inputs, by action.yml name, from the command's flags. */
function inputsFromFlags(v) {
    const inputs = {
        'build-args': (v['build-arg'] ?? []).join('\n'),
        'cache-from': (v['cache-from'] ?? []).join('\n'),
        'cache-to': (v['cache-to'] ?? []).join('\n'),
        // Locally there is no PR: the base comparison runs only against --base-ref.
        comment: 'false',
    };
    for (const name of [
        'context',
        'file',
        'target',
        'test-stage',
        'stages',
        'builder',
        'base-ref',
        'max-size',
        'max-size-increase',
        'fail-on',
        'config',
    ]) {
        const value = v[name];
        if (value !== undefined)
            inputs[name] = value;
    }
    return inputs;
}
async function reportCommand(args) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args, allowPositionals: false, options: REPORT_OPTIONS });
    }
    catch (err) {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${REPORT_USAGE}`);
        return 2;
    }
    const v = parsed.values;
    if (v.help) {
        process.stdout.write(REPORT_USAGE);
        return 0;
    }
    const inputs = inputsFromFlags(v);
    const runner = createTerminalRunner(inputs, {
        eventName: 'local',
        serverUrl: 'https://github.com',
        apiUrl: 'https://api.github.com',
        workspace: process.cwd(),
    }, { verbose: v.verbose });
    const reportPath = (0,external_node_path_.resolve)(v['json-file'] ?? 'stagegate-report.json');
    const result = await runJob({
        runner,
        engine: createEngine(),
        reportPath,
        scans: createMachineScanStore(),
        shellcheck: (0,shellcheck/* systemShellcheck */.c)(),
    });
    if (result.markdown)
        process.stdout.write(result.markdown.endsWith('\n') ? result.markdown : result.markdown + '\n');
    if (result.reportPath)
        process.stderr.write(`JSON report: ${result.reportPath}\n`);
    if (result.failures.length) {
        for (const f of result.failures)
            process.stderr.write(`✖ ${f}\n`);
        return 1;
    }
    return 0;
}


/***/ })

};
