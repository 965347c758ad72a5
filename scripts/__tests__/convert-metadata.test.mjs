import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { convert } from '../convert-metadata.mjs';

const CLASS_META =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">' +
    '<apiVersion>66.0</apiVersion><status>Active</status></ApexClass>\n';

function project(files) {
    const root = mkdtempSync(join(tmpdir(), 'convert-test-'));
    writeFileSync(
        join(root, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' })
    );
    copyFileSync(join(import.meta.dirname, '..', '..', '.forceignore'), join(root, '.forceignore'));
    for (const [path, text] of Object.entries(files)) {
        const full = join(root, 'force-app', 'main', 'default', path);
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
    }
    return root;
}

function withProject(files, check) {
    const root = project(files);
    try {
        check(convert({ projectRoot: root, sourceDirs: ['force-app'] }));
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}

test('a well-formed class converts without problems', () => {
    withProject(
        { 'classes/Good.cls': 'public with sharing class Good {}', 'classes/Good.cls-meta.xml': CLASS_META },
        (problems) => assert.deepEqual(problems, [])
    );
});

test('a malformed -meta.xml fails, naming the file and position', () => {
    withProject(
        {
            'classes/Broken.cls': 'public with sharing class Broken {}',
            'classes/Broken.cls-meta.xml': '<?xml version="1.0"?>\n<ApexClass><apiVersion>66.0</apiVersion'
        },
        (problems) => {
            assert.equal(problems.length, 1);
            assert.match(
                problems[0],
                /^force-app\/main\/default\/classes\/Broken\.cls-meta\.xml:\d+:\d+: malformed XML/
            );
        }
    );
});

test('a class without its -meta.xml fails instead of being left out silently', () => {
    withProject({ 'classes/Orphan.cls': 'public with sharing class Orphan {}' }, (problems) => {
        assert.deepEqual(problems, [
            'force-app/main/default/classes/Orphan.cls: has no Orphan.cls-meta.xml, so it would not be deployed'
        ]);
    });
});

test('without .forceignore the TypeScript source would be deployed, and that is reported', () => {
    const root = project({
        'classes/Good.cls': 'public with sharing class Good {}',
        'classes/Good.cls-meta.xml': CLASS_META
    });
    try {
        writeFileSync(join(root, '.forceignore'), '');
        mkdirSync(join(root, 'force-app/main/default/lwc/w'), { recursive: true });
        writeFileSync(join(root, 'force-app/main/default/lwc/w/w.ts'), 'export default 1;');
        writeFileSync(join(root, 'force-app/main/default/lwc/w/w.js'), 'export default 1;');
        writeFileSync(
            join(root, 'force-app/main/default/lwc/w/w.js-meta.xml'),
            '<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">' +
                '<apiVersion>66.0</apiVersion><isExposed>false</isExposed></LightningComponentBundle>\n'
        );
        const problems = convert({ projectRoot: root, sourceDirs: ['force-app'] });
        assert.deepEqual(problems, ['lwc/w/w.ts: must not be deployed']);
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
});

test('a TypeScript component that was not built fails, and its .ts never reaches the package', () => {
    withProject(
        {
            'lwc/widget/widget.ts':
                "import { LightningElement } from 'lwc';\nexport default class Widget extends LightningElement {}\n",
            'lwc/widget/widget.html': '<template></template>',
            'lwc/widget/widget.js-meta.xml':
                '<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">' +
                '<apiVersion>66.0</apiVersion><isExposed>false</isExposed></LightningComponentBundle>\n'
        },
        (problems) => {
            assert.ok(problems.length >= 1);
            assert.ok(
                problems.some((p) => /widget\.js-meta\.xml: component widget (has no JavaScript|missing)/.test(p)),
                problems.join('\n')
            );
            assert.ok(!problems.some((p) => p.endsWith('must not be deployed')), 'the .ts is not in the package');
        }
    );
});
