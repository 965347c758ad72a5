import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLwc, compileTypeScript } from '../build-lwc.mjs';

const repoRoot = join(import.meta.dirname, '..', '..');

function scratchBundle(name, ts, html = '<template><p>{value}</p></template>') {
    const root = mkdtempSync(join(tmpdir(), 'build-lwc-'));
    const dir = join(root, 'lwc', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.ts`), ts);
    writeFileSync(join(dir, `${name}.html`), html);
    return { root, dir };
}

test('a component whose decorators the LWC compiler rejects fails the build, naming the file', () => {
    const { root, dir } = scratchBundle(
        'broken',
        "import { LightningElement, api, track } from 'lwc';\n" +
            'export default class Broken extends LightningElement {\n' +
            '    @api @track value: string = "x";\n' +
            '}\n'
    );
    try {
        const result = buildLwc({ repoRoot: root, folders: ['lwc'] });
        assert.equal(result.errors.length, 1);
        assert.equal(result.errors[0].file, 'lwc/broken/broken.ts');
        assert.match(result.errors[0].message, /LWC compiler: .*@api.*@track|LWC compiler: .*track.*api/i);
        assert.equal(existsSync(join(dir, 'broken.js')), false, 'nothing is written when a bundle fails');
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
});

test('a TypeScript syntax error fails the build with the file name', () => {
    const { root } = scratchBundle(
        'typo',
        "import { LightningElement } from 'lwc';\nexport default class Typo extends LightningElement {\n    value: = 1;\n}\n"
    );
    try {
        const result = buildLwc({ repoRoot: root, folders: ['lwc'], write: false });
        assert.equal(result.errors.length, 1);
        assert.equal(result.errors[0].file, 'lwc/typo/typo.ts');
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
});

test('a template error is reported against the template', () => {
    const { root } = scratchBundle(
        'badTemplate',
        "import { LightningElement } from 'lwc';\nexport default class BadTemplate extends LightningElement {}\n",
        '<template><template for:each={items}><p>{item}</p></template></template>'
    );
    try {
        const result = buildLwc({ repoRoot: root, folders: ['lwc'], write: false });
        assert.equal(result.errors.length, 1);
        assert.equal(result.errors[0].file, 'lwc/badTemplate/badTemplate.html');
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
});

test('the sample components keep @api and @wire as real decorators, with no helper calls', () => {
    const lwc = join(repoRoot, 'force-app', 'main', 'default', 'lwc');
    const panel = compileTypeScript(join(lwc, 'errorPanel', 'errorPanel.ts'));
    const summary = compileTypeScript(join(lwc, 'licenseSummary', 'licenseSummary.ts'));
    assert.match(panel, /@api\s+errors;/);
    assert.match(panel, /@api\s+friendlyMessage = 'Something went wrong\.';/);
    assert.match(summary, /^\s*@wire\(getExternalLicenseSummary\)$/m);
    for (const code of [panel, summary]) {
        assert.doesNotMatch(code, /__decorate|__esDecorate|__runInitializers|_applyDecs/);
        assert.doesNotMatch(code, /: string|interface /, 'types are stripped');
    }
});

test('the repository builds cleanly and writes the JavaScript next to each .ts', () => {
    const result = buildLwc({ repoRoot, write: true });
    assert.deepEqual(result.errors, []);
    assert.ok(result.compiled.includes('force-app/main/default/lwc/licenseSummary/licenseSummary.js'));
    const written = readFileSync(join(repoRoot, 'force-app/main/default/lwc/licenseSummary/licenseSummary.js'), 'utf8');
    assert.match(written, /@wire\(getExternalLicenseSummary\)/);
});
