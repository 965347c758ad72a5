/**
 * Static checks of the probe suite that need no runtime: every probe parses with the pinned apex-parser,
 * has its deployable -meta.xml (apiVersion 62.0), is an @IsTest class, and the suite keeps at least 80 methods.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['probes', 'probes-expected-failures'];

class Errors extends ApexErrorListener {
    readonly found: string[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.found.push(`${line}:${column + 1} ${msg}`);
    }
}

function classFiles(folder: string): string[] {
    return readdirSync(join(ROOT, folder))
        .filter((f) => f.endsWith('.cls'))
        .map((f) => join(ROOT, folder, f));
}

/** Counts methods annotated @IsTest (the class annotation is the first one). */
function testMethodCount(source: string): number {
    return (source.match(/@IsTest\s+static\s+void\s+\w+\s*\(/gi) ?? []).length;
}

describe('probe files', () => {
    for (const folder of FOLDERS) {
        for (const file of classFiles(folder)) {
            const name = file.slice(file.lastIndexOf('/') + 1);
            it(`${folder}/${name} parses, is an @IsTest class and has its meta.xml`, () => {
                const source = readFileSync(file, 'utf8');
                const errors = new Errors();
                const { parser } = ApexParserFactory.createLexerAndParser(source, errors);
                parser.compilationUnit();
                assert.deepEqual(errors.found, []);
                assert.match(source, /^@IsTest\s+private\s+class\s+(\w+)/m);
                const className = /^@IsTest\s+private\s+class\s+(\w+)/m.exec(source)?.[1];
                assert.equal(`${className}.cls`, name);
                const meta = readFileSync(`${file}-meta.xml`, 'utf8');
                assert.match(meta, /<apiVersion>62\.0<\/apiVersion>/);
                assert.match(meta, /<status>Active<\/status>/);
            });
        }
    }

    it('keeps every "keep on line N" marker on line N (getLineNumber probes)', () => {
        for (const file of classFiles('probes')) {
            readFileSync(file, 'utf8')
                .split('\n')
                .forEach((text, i) => {
                    const marker = /keep on line (\d+)/.exec(text);
                    if (marker) {
                        assert.equal(Number(marker[1]), i + 1, `${file}:${i + 1}`);
                    }
                });
        }
    });

    it('has at least 80 probe test methods', () => {
        const total = classFiles('probes').reduce((sum, f) => sum + testMethodCount(readFileSync(f, 'utf8')), 0);
        assert.ok(total >= 80, `only ${total} probe methods`);
    });
});
