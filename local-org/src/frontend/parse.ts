/**
 * The only module that touches @apexdevtools/apex-parser: parses source text and lowers the parse tree
 * into our AST (frontend/ast.ts). Syntax errors are collected, never thrown.
 */
import * as P from '@apexdevtools/apex-parser';
import type { Diagnostic } from '../api';
import type {
    AnonymousUnit,
    Annotation,
    Block,
    Expr,
    Member,
    Modifiers,
    NewExpr,
    Param,
    Pos,
    SoqlBind,
    Stmt,
    TriggerDecl,
    TypeDecl,
    TypeNode,
    VarDecl,
    WhenClause
} from './ast';

class Collector extends P.ApexErrorListener {
    readonly errors: Array<{ line: number; col: number; msg: string }> = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.errors.push({ line, col: column + 1, msg });
    }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctx = any;

function pos(ctx: Ctx): Pos {
    const t = ctx.start ?? ctx.symbol;
    return { line: t.line, col: t.column + 1 };
}

/** Thrown by lowering when the tree holds something we did not expect; reported as a syntax diagnostic. */
class LowerError extends Error {
    constructor(
        readonly at: Pos,
        message: string
    ) {
        super(message);
    }
}

function syntaxDiagnostics(file: string, c: Collector): Diagnostic[] {
    return c.errors.map((e) => ({ kind: 'syntax' as const, file, line: e.line, column: e.col, message: e.msg }));
}

function guard<T>(file: string, c: Collector, fn: () => T): { value: T | null; diagnostics: Diagnostic[] } {
    const diagnostics = syntaxDiagnostics(file, c);
    if (diagnostics.length) return { value: null, diagnostics };
    try {
        return { value: fn(), diagnostics };
    } catch (e) {
        if (e instanceof LowerError) {
            return {
                value: null,
                diagnostics: [{ kind: 'syntax', file, line: e.at.line, column: e.at.col, message: e.message }]
            };
        }
        // A tree shape the lowering does not know: report it rather than crash the whole load.
        const message = `the local org could not read this file (${e instanceof Error ? e.message : String(e)})`;
        return { value: null, diagnostics: [{ kind: 'unsupported', file, line: 1, column: 1, message }] };
    }
}

export function parseClassFile(src: string, file: string): { decl: TypeDecl | null; diagnostics: Diagnostic[] } {
    const c = new Collector();
    const { parser } = P.ApexParserFactory.createLexerAndParser(src, c);
    const tree = parser.compilationUnit();
    const r = guard(file, c, () => new Lowerer(file).typeDecl(tree.typeDeclaration()));
    return { decl: r.value, diagnostics: r.diagnostics };
}

export function parseTriggerFile(src: string, file: string): { decl: TriggerDecl | null; diagnostics: Diagnostic[] } {
    const c = new Collector();
    const { parser } = P.ApexParserFactory.createLexerAndParser(src, c);
    const tree = parser.triggerUnit();
    const r = guard(file, c, () => new Lowerer(file).trigger(tree));
    return { decl: r.value, diagnostics: r.diagnostics };
}

export function parseAnonymous(src: string, file: string): { unit: AnonymousUnit | null; diagnostics: Diagnostic[] } {
    const c = new Collector();
    const { parser } = P.ApexParserFactory.createLexerAndParser(src, c);
    const tree = parser.anonymousUnit();
    const r = guard(file, c, () => new Lowerer(file).anonymous(tree));
    return { unit: r.value, diagnostics: r.diagnostics };
}

/** Checks a SOQL string parses as a whole query (the parser's query() rule does not demand EOF). */
export function checkSoql(text: string): string | null {
    const c = new Collector();
    const { parser } = P.ApexParserFactory.createLexerAndParser(text, c);
    parser.query();
    if (c.errors.length) return c.errors[0].msg;
    if (parser.getTokenStream().LA(1) !== -1) return 'unexpected text after the end of the query';
    return null;
}

function unquote(raw: string, at: Pos): string {
    const body = raw.slice(1, -1);
    let out = '';
    for (let i = 0; i < body.length; i++) {
        const ch = body[i];
        if (ch !== '\\') {
            out += ch;
            continue;
        }
        const n = body[++i];
        switch (n) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case "'":
                out += "'";
                break;
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case 'u': {
                out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
                i += 4;
                break;
            }
            default:
                throw new LowerError(at, `Invalid string escape \\${n}`);
        }
    }
    return out;
}

class Lowerer {
    constructor(private readonly file: string) {}

    // ---- declarations ----

    trigger(t: Ctx): TriggerDecl {
        const ids = t.id_list();
        const events = t.triggerCase_list().map((c: Ctx) =>
            c
                .getText()
                .toLowerCase()
                .replace(/^(before|after)/, '$1 ')
        );
        const members: Member[] = [];
        const stmts: Stmt[] = [];
        for (const m of t.triggerBlock().triggerBlockMember_list()) {
            if (m.triggerMemberDeclaration())
                members.push(...this.memberDecl(m.triggerMemberDeclaration(), this.mods(m.modifier_list()), pos(m)));
            else stmts.push(this.stmt(m.statement()));
        }
        if (members.length)
            throw new LowerError(pos(t), 'Declarations inside a trigger body are not supported by the local org');
        return {
            name: ids[0].getText(),
            sobject: ids[1].getText(),
            events,
            pos: pos(t),
            file: this.file,
            body: { k: 'block', pos: pos(t.triggerBlock()), stmts }
        };
    }

    anonymous(t: Ctx): AnonymousUnit {
        const members: Member[] = [];
        const stmts: Stmt[] = [];
        for (const m of t.anonymousBlock().anonymousBlockMember_list()) {
            if (!m.anonymousMemberDeclaration()) {
                stmts.push(this.stmt(m.statement()));
                continue;
            }
            // `Integer x = 5;` at the top of anonymous Apex is a local variable, in statement order.
            for (const d of this.memberDecl(m.anonymousMemberDeclaration(), this.mods(m.modifier_list()), pos(m))) {
                if (d.k === 'field')
                    stmts.push({
                        k: 'local',
                        pos: d.pos,
                        type: d.type,
                        decls: d.decls,
                        isFinal: d.mods.words.has('final')
                    });
                else members.push(d);
            }
        }
        return { file: this.file, members, stmts };
    }

    typeDecl(td: Ctx): TypeDecl {
        return this.typeDeclWith(td, this.mods(td.modifier_list()));
    }

    private typeDeclWith(td: Ctx, mods: Modifiers): TypeDecl {
        if (td.classDeclaration()) return this.classDecl(td.classDeclaration(), mods);
        if (td.interfaceDeclaration()) return this.interfaceDecl(td.interfaceDeclaration(), mods);
        return this.enumDecl(td.enumDeclaration(), mods);
    }

    private classDecl(c: Ctx, mods: Modifiers): TypeDecl {
        const members: Member[] = [];
        for (const b of c.classBody().classBodyDeclaration_list()) {
            if (b.SEMI()) continue;
            if (b.block()) {
                members.push({ k: 'init', pos: pos(b), isStatic: !!b.STATIC(), body: this.block(b.block()) });
                continue;
            }
            members.push(...this.memberDecl(b.memberDeclaration(), this.mods(b.modifier_list()), pos(b)));
        }
        return {
            kind: 'class',
            name: c.id().getText(),
            pos: pos(c.id()),
            file: this.file,
            mods,
            extendsType: c.typeRef() ? this.typeRef(c.typeRef()) : null,
            interfaces: c.typeList()
                ? c
                      .typeList()
                      .typeRef_list()
                      .map((t: Ctx) => this.typeRef(t))
                : [],
            members,
            enumValues: []
        };
    }

    private interfaceDecl(c: Ctx, mods: Modifiers): TypeDecl {
        const members: Member[] = c
            .interfaceBody()
            .interfaceMethodDeclaration_list()
            .map((m: Ctx) => ({
                k: 'method' as const,
                pos: pos(m.id()),
                mods: this.mods(m.modifier_list()),
                name: m.id().getText(),
                returnType: m.typeRef() ? this.typeRef(m.typeRef()) : null,
                params: this.params(m.formalParameters()),
                body: null
            }));
        return {
            kind: 'interface',
            name: c.id().getText(),
            pos: pos(c.id()),
            file: this.file,
            mods,
            extendsType: null,
            interfaces: c.typeList()
                ? c
                      .typeList()
                      .typeRef_list()
                      .map((t: Ctx) => this.typeRef(t))
                : [],
            members,
            enumValues: []
        };
    }

    private enumDecl(c: Ctx, mods: Modifiers): TypeDecl {
        const ids: Ctx[] = c.enumConstants() ? c.enumConstants().id_list() : [];
        return {
            kind: 'enum',
            name: c.id().getText(),
            pos: pos(c.id()),
            file: this.file,
            mods,
            extendsType: null,
            interfaces: [],
            members: [],
            enumValues: ids.map((i) => ({ name: i.getText(), pos: pos(i) }))
        };
    }

    private memberDecl(m: Ctx, mods: Modifiers, at: Pos): Member[] {
        if (m.methodDeclaration()) {
            const d = m.methodDeclaration();
            return [
                {
                    k: 'method',
                    pos: pos(d.id()),
                    mods,
                    name: d.id().getText(),
                    returnType: d.typeRef() ? this.typeRef(d.typeRef()) : null,
                    params: this.params(d.formalParameters()),
                    body: d.block() ? this.block(d.block()) : null
                }
            ];
        }
        if (m.constructorDeclaration && m.constructorDeclaration()) {
            const d = m.constructorDeclaration();
            const ids = d.qualifiedName().id_list();
            return [
                {
                    k: 'ctor',
                    pos: pos(d),
                    mods,
                    name: ids[ids.length - 1].getText(),
                    params: this.params(d.formalParameters()),
                    body: this.block(d.block())
                }
            ];
        }
        if (m.fieldDeclaration()) {
            const d = m.fieldDeclaration();
            return [
                {
                    k: 'field',
                    pos: at,
                    mods,
                    type: this.typeRef(d.typeRef()),
                    decls: this.varDecls(d.variableDeclarators())
                }
            ];
        }
        if (m.propertyDeclaration()) {
            const d = m.propertyDeclaration();
            let getter: { body: Block | null; mods: Modifiers } | null = null;
            let setter: { body: Block | null; mods: Modifiers } | null = null;
            for (const pb of d.propertyBlock_list()) {
                const pm = this.mods(pb.modifier_list());
                if (pb.getter())
                    getter = { body: pb.getter().block() ? this.block(pb.getter().block()) : null, mods: pm };
                else setter = { body: pb.setter().block() ? this.block(pb.setter().block()) : null, mods: pm };
            }
            return [
                {
                    k: 'property',
                    pos: pos(d.id()),
                    mods,
                    type: this.typeRef(d.typeRef()),
                    name: d.id().getText(),
                    getter,
                    setter
                }
            ];
        }
        if (m.classDeclaration()) return [{ k: 'type', decl: this.classDecl(m.classDeclaration(), mods) }];
        if (m.interfaceDeclaration()) return [{ k: 'type', decl: this.interfaceDecl(m.interfaceDeclaration(), mods) }];
        if (m.enumDeclaration()) return [{ k: 'type', decl: this.enumDecl(m.enumDeclaration(), mods) }];
        throw new LowerError(at, 'Unrecognised member declaration');
    }

    private mods(list: Ctx[]): Modifiers {
        const words = new Set<string>();
        const annotations: Annotation[] = [];
        for (const m of list) {
            if (m.annotation()) {
                annotations.push({
                    name: m.annotation().qualifiedName
                        ? m.annotation().qualifiedName().getText()
                        : m.annotation().id().getText(),
                    pos: pos(m),
                    text: m.annotation().getText()
                });
            } else {
                // `with sharing` arrives as two tokens in one modifier
                words.add(m.getText().toLowerCase());
            }
        }
        return { words, annotations };
    }

    private params(fp: Ctx): Param[] {
        const list = fp.formalParameterList();
        if (!list) return [];
        return list
            .formalParameter_list()
            .map((p: Ctx) => ({ name: p.id().getText(), type: this.typeRef(p.typeRef()), pos: pos(p.id()) }));
    }

    private varDecls(vd: Ctx): VarDecl[] {
        return vd.variableDeclarator_list().map((d: Ctx) => ({
            name: d.id().getText(),
            init: d.expression() ? this.expr(d.expression()) : null,
            pos: pos(d.id())
        }));
    }

    typeRef(t: Ctx): TypeNode {
        const parts = t.typeName_list().map((tn: Ctx) => {
            let name: string;
            if (tn.LIST()) name = 'List';
            else if (tn.SET()) name = 'Set';
            else if (tn.MAP()) name = 'Map';
            else name = tn.id().getText();
            const args = tn.typeArguments()
                ? tn
                      .typeArguments()
                      .typeList()
                      .typeRef_list()
                      .map((a: Ctx) => this.typeRef(a))
                : [];
            return { name, args };
        });
        const dims = t.arraySubscripts() ? t.arraySubscripts().LBRACK_list().length : 0;
        return { parts, arrayDims: dims, pos: pos(t) };
    }

    // ---- statements ----

    block(b: Ctx): Block {
        return { k: 'block', pos: pos(b), stmts: b.statement_list().map((s: Ctx) => this.stmt(s)) };
    }

    private localDecl(l: Ctx): Stmt {
        const mods = this.mods(l.modifier_list());
        return {
            k: 'local',
            pos: pos(l),
            type: this.typeRef(l.typeRef()),
            decls: this.varDecls(l.variableDeclarators()),
            isFinal: mods.words.has('final')
        };
    }

    stmt(s: Ctx): Stmt {
        const at = pos(s);
        if (s.block()) return this.block(s.block());
        if (s.localVariableDeclarationStatement())
            return this.localDecl(s.localVariableDeclarationStatement().localVariableDeclaration());
        if (s.expressionStatement())
            return { k: 'expr', pos: at, expr: this.expr(s.expressionStatement().expression()) };
        if (s.ifStatement()) {
            const i = s.ifStatement();
            const branches = i.statement_list();
            return {
                k: 'if',
                pos: at,
                cond: this.expr(i.parExpression().expression()),
                then: this.stmt(branches[0]),
                else: branches[1] ? this.stmt(branches[1]) : null
            };
        }
        if (s.whileStatement()) {
            const w = s.whileStatement();
            const body: Stmt = w.statement() ? this.stmt(w.statement()) : { k: 'block', pos: at, stmts: [] };
            return { k: 'while', pos: at, cond: this.expr(w.parExpression().expression()), body };
        }
        if (s.doWhileStatement()) {
            const d = s.doWhileStatement();
            return {
                k: 'doWhile',
                pos: at,
                cond: this.expr(d.parExpression().expression()),
                body: this.block(d.block())
            };
        }
        if (s.forStatement()) return this.forStmt(s.forStatement(), at);
        if (s.returnStatement()) {
            const r = s.returnStatement();
            return { k: 'return', pos: at, expr: r.expression() ? this.expr(r.expression()) : null };
        }
        if (s.throwStatement()) return { k: 'throw', pos: at, expr: this.expr(s.throwStatement().expression()) };
        if (s.breakStatement()) return { k: 'break', pos: at };
        if (s.continueStatement()) return { k: 'continue', pos: at };
        if (s.tryStatement()) {
            const t = s.tryStatement();
            return {
                k: 'try',
                pos: at,
                body: this.block(t.block()),
                catches: t.catchClause_list().map((c: Ctx) => ({
                    pos: pos(c),
                    type: this.qualifiedType(c.qualifiedName()),
                    name: c.id().getText(),
                    body: this.block(c.block())
                })),
                fin: t.finallyBlock() ? this.block(t.finallyBlock().block()) : null
            };
        }
        if (s.switchStatement()) return this.switchStmt(s.switchStatement(), at);
        for (const op of ['insert', 'update', 'delete', 'undelete', 'upsert'] as const) {
            const d = s[`${op}Statement`]();
            if (d) {
                // `insert as user` / `as system` (Apex user-mode DML).
                const asUser = !!d.accessLevel?.()?.USER();
                // `upsert rows Field__c;` names the external Id field that matches rows.
                const keyField: string | undefined =
                    op === 'upsert' && d.qualifiedName?.() ? d.qualifiedName().getText() : undefined;
                return { k: 'dml', pos: at, op, exprs: [this.expr(d.expression())], asUser, keyField };
            }
        }
        if (s.mergeStatement())
            return {
                k: 'dml',
                pos: at,
                op: 'merge',
                exprs: s
                    .mergeStatement()
                    .expression_list()
                    .map((e: Ctx) => this.expr(e))
            };
        if (s.runAsStatement()) {
            const r = s.runAsStatement();
            return {
                k: 'runAs',
                pos: at,
                args: r.expressionList()
                    ? r
                          .expressionList()
                          .expression_list()
                          .map((e: Ctx) => this.expr(e))
                    : [],
                body: this.block(r.block())
            };
        }
        if (s.getText() === ';') return { k: 'block', pos: at, stmts: [] };
        throw new LowerError(at, `Unrecognised statement: ${s.getText()}`);
    }

    private qualifiedType(q: Ctx): TypeNode {
        return { parts: q.id_list().map((i: Ctx) => ({ name: i.getText(), args: [] })), arrayDims: 0, pos: pos(q) };
    }

    private forStmt(f: Ctx, at: Pos): Stmt {
        const body: Stmt = f.statement() ? this.stmt(f.statement()) : { k: 'block', pos: at, stmts: [] };
        const fc = f.forControl();
        if (fc.enhancedForControl()) {
            const e = fc.enhancedForControl();
            return {
                k: 'forEach',
                pos: at,
                type: this.typeRef(e.typeRef()),
                name: e.id().getText(),
                iter: this.expr(e.expression()),
                body
            };
        }
        let init: Stmt | Expr[] | null = null;
        if (fc.forInit()) {
            const fi = fc.forInit();
            init = fi.localVariableDeclaration()
                ? this.localDecl(fi.localVariableDeclaration())
                : fi
                      .expressionList()
                      .expression_list()
                      .map((e: Ctx) => this.expr(e));
        }
        return {
            k: 'for',
            pos: at,
            init,
            cond: fc.expression() ? this.expr(fc.expression()) : null,
            update: fc.forUpdate()
                ? fc
                      .forUpdate()
                      .expressionList()
                      .expression_list()
                      .map((e: Ctx) => this.expr(e))
                : [],
            body
        };
    }

    private switchStmt(s: Ctx, at: Pos): Stmt {
        const whens: WhenClause[] = s.whenControl_list().map((w: Ctx) => {
            const v = w.whenValue();
            const body = this.block(w.block());
            if (v.ELSE()) return { pos: pos(w), kind: 'else', values: [], type: null, varName: null, body };
            if (v.typeRef())
                return {
                    pos: pos(w),
                    kind: 'type',
                    values: [],
                    type: this.typeRef(v.typeRef()),
                    varName: v.id().getText(),
                    body
                };
            return {
                pos: pos(w),
                kind: 'values',
                values: v.whenLiteral_list().map((l: Ctx) => this.whenLiteral(l)),
                type: null,
                varName: null,
                body
            };
        });
        return { k: 'switch', pos: at, expr: this.expr(s.expression()), whens };
    }

    private whenLiteral(l: Ctx): WhenClause['values'][number] {
        const at = pos(l);
        if (l.whenLiteral()) return this.whenLiteral(l.whenLiteral());
        const neg = l.SUB_list().length % 2 === 1 ? '-' : '';
        if (l.IntegerLiteral()) return { pos: at, kind: 'Integer', value: neg + l.IntegerLiteral().getText() };
        if (l.LongLiteral())
            return { pos: at, kind: 'Long', value: neg + l.LongLiteral().getText().replace(/[lL]$/, '') };
        if (l.StringLiteral()) return { pos: at, kind: 'String', value: unquote(l.StringLiteral().getText(), at) };
        if (l.NULL()) return { pos: at, kind: 'Null', value: null };
        if (l.qualifiedName()) return { pos: at, kind: 'Name', value: l.qualifiedName().getText() };
        throw new LowerError(at, `Unsupported when value: ${l.getText()}`);
    }

    // ---- expressions ----

    private args(list: Ctx | null): Expr[] {
        return list ? list.expression_list().map((e: Ctx) => this.expr(e)) : [];
    }

    expr(e: Ctx): Expr {
        const at = pos(e);
        if (e instanceof P.PrimaryExpressionContext) return this.primary(e.primary());
        if (e instanceof P.SubExpressionContext) return this.expr(e.expression());
        if (e instanceof P.DotExpressionContext) {
            const safe = !!e.QUESTIONDOT();
            const target = this.expr(e.expression());
            if (e.dotMethodCall()) {
                const m = e.dotMethodCall();
                return {
                    k: 'call',
                    pos: pos(m),
                    target,
                    name: m.anyId().getText(),
                    args: this.args(m.expressionList()),
                    safe
                };
            }
            return { k: 'field', pos: pos(e.anyId()), target, name: e.anyId().getText(), safe };
        }
        if (e instanceof P.MethodCallExpressionContext) {
            const m = e.methodCall();
            const args = this.args(m.expressionList());
            if (m.THIS()) return { k: 'ctorCall', pos: at, which: 'this', args };
            if (m.SUPER()) return { k: 'ctorCall', pos: at, which: 'super', args };
            return { k: 'call', pos: at, target: null, name: m.id().getText(), args, safe: false };
        }
        if (e instanceof P.ArrayExpressionContext) {
            const xs = e.expression_list();
            return { k: 'index', pos: at, target: this.expr(xs[0]), index: this.expr(xs[1]) };
        }
        if (e instanceof P.NewExpressionContext) return this.creator(e.creator(), at);
        if (e instanceof P.CastExpressionContext)
            return { k: 'cast', pos: at, type: this.typeRef(e.typeRef()), expr: this.expr(e.expression()) };
        if (e instanceof P.PostOpExpressionContext)
            return {
                k: 'incdec',
                pos: at,
                op: e.INC() ? '++' : '--',
                prefix: false,
                target: this.expr(e.expression())
            };
        if (e instanceof P.PreOpExpressionContext) {
            const inner = this.expr(e.expression());
            if (e.INC()) return { k: 'incdec', pos: at, op: '++', prefix: true, target: inner };
            if (e.DEC()) return { k: 'incdec', pos: at, op: '--', prefix: true, target: inner };
            return { k: 'unary', pos: at, op: e.SUB() ? '-' : '+', expr: inner };
        }
        if (e instanceof P.NegExpressionContext)
            return { k: 'unary', pos: at, op: e.BANG() ? '!' : '~', expr: this.expr(e.expression()) };
        if (e instanceof P.InstanceOfExpressionContext)
            return { k: 'instanceof', pos: at, expr: this.expr(e.expression()), type: this.typeRef(e.typeRef()) };
        if (e instanceof P.CondExpressionContext) {
            const xs = e.expression_list();
            return { k: 'cond', pos: at, cond: this.expr(xs[0]), then: this.expr(xs[1]), else: this.expr(xs[2]) };
        }
        if (e instanceof P.AssignExpressionContext) {
            const xs = e.expression_list();
            const op = e.getChild(1).getText();
            return { k: 'assign', pos: at, op, target: this.expr(xs[0]), value: this.expr(xs[1]) };
        }
        const binaryKinds = [
            P.Arth1ExpressionContext,
            P.Arth2ExpressionContext,
            P.CmpExpressionContext,
            P.EqualityExpressionContext,
            P.LogAndExpressionContext,
            P.LogOrExpressionContext,
            P.CoalExpressionContext,
            P.BitAndExpressionContext,
            P.BitOrExpressionContext,
            P.BitNotExpressionContext,
            P.BitExpressionContext
        ];
        if (binaryKinds.some((k) => e instanceof k)) {
            const xs = e.expression_list();
            // the operator is every token between the two operands (e.g. `>` `=` for >=, `<` `<` for <<)
            let op = '';
            for (let i = 1; i < e.getChildCount() - 1; i++) op += e.getChild(i).getText();
            return { k: 'binary', pos: at, op, left: this.expr(xs[0]), right: this.expr(xs[1]) };
        }
        throw new LowerError(at, `Unrecognised expression: ${e.getText()}`);
    }

    private primary(p: Ctx): Expr {
        const at = pos(p);
        if (p instanceof P.ThisPrimaryContext) return { k: 'this', pos: at };
        if (p instanceof P.SuperPrimaryContext) return { k: 'super', pos: at };
        if (p instanceof P.IdPrimaryContext) return { k: 'name', pos: at, name: p.id().getText() };
        if (p instanceof P.LiteralPrimaryContext) return this.literal(p.literal());
        if (p instanceof P.TypeRefPrimaryContext) return { k: 'typeLit', pos: at, type: this.typeRef(p.typeRef()) };
        if (p instanceof P.VoidPrimaryContext) return { k: 'typeLit', pos: at, type: null };
        if (p instanceof P.SoqlPrimaryContext) {
            const q = p.soqlLiteral().query();
            return { k: 'soql', pos: at, text: this.sourceOf(q), binds: this.bindsIn(q) };
        }
        if (p instanceof P.SoslPrimaryContext) {
            // The search text between the brackets, with its binds (e.g. FIND :term).
            const lit = p.soslLiteral();
            const inner = this.sourceOf(lit)
                .replace(/^\[\s*/, '')
                .replace(/\s*\]$/, '');
            return { k: 'sosl', pos: at, text: inner, binds: this.bindsIn(lit) };
        }
        throw new LowerError(at, `Unrecognised primary: ${p.getText()}`);
    }

    /** The original source text of a node (getText() drops whitespace). */
    private sourceOf(node: Ctx): string {
        return node.start.getInputStream().getText(node.start.start, node.stop.stop);
    }

    /** The `:expression` binds inside a SOQL or SOSL literal, lowered. */
    private bindsIn(root: Ctx): SoqlBind[] {
        const binds: SoqlBind[] = [];
        const walk = (node: Ctx): void => {
            if (node instanceof P.BoundExpressionContext) {
                const x = node.expression();
                binds.push({ text: this.sourceOf(x), pos: pos(x), expr: this.expr(x) });
                return;
            }
            for (const c of node.children ?? []) walk(c);
        };
        walk(root);
        return binds;
    }

    private literal(l: Ctx): Expr {
        const at = pos(l);
        if (l.IntegerLiteral()) return { k: 'lit', pos: at, type: 'Integer', value: l.getText() };
        if (l.LongLiteral()) return { k: 'lit', pos: at, type: 'Long', value: l.getText().replace(/[lL]$/, '') };
        if (l.NumberLiteral()) {
            const t: string = l.getText();
            if (/[dD]$/.test(t)) return { k: 'lit', pos: at, type: 'Double', value: t.slice(0, -1) };
            return { k: 'lit', pos: at, type: 'Decimal', value: t };
        }
        if (l.StringLiteral()) return { k: 'lit', pos: at, type: 'String', value: unquote(l.getText(), at) };
        if (l.MultilineStringLiteral())
            throw new LowerError(at, 'Multiline string literals are not supported by the local org');
        if (l.BooleanLiteral())
            return { k: 'lit', pos: at, type: 'Boolean', value: l.getText().toLowerCase() === 'true' };
        return { k: 'lit', pos: at, type: 'Null', value: null };
    }

    private creator(c: Ctx, at: Pos): NewExpr {
        const parts = c
            .createdName()
            .idCreatedNamePair_list()
            .map((p: Ctx) => ({
                name: p.anyId().getText(),
                args: p.typeList()
                    ? p
                          .typeList()
                          .typeRef_list()
                          .map((t: Ctx) => this.typeRef(t))
                    : []
            }));
        const type: TypeNode = { parts, arrayDims: 0, pos: pos(c) };
        const base: NewExpr = { k: 'new', pos: at, type, args: null, arraySize: null, init: null, mapInit: null };
        if (c.noRest()) {
            base.init = [];
            return base;
        }
        if (c.classCreatorRest()) {
            base.args = this.args(c.classCreatorRest().arguments().expressionList());
            return base;
        }
        if (c.arrayCreatorRest()) {
            const r = c.arrayCreatorRest();
            type.arrayDims = 1;
            if (r.arrayInitializer())
                base.init = r
                    .arrayInitializer()
                    .expression_list()
                    .map((x: Ctx) => this.expr(x));
            else base.arraySize = this.expr(r.expression());
            return base;
        }
        if (c.mapCreatorRest()) {
            base.mapInit = c
                .mapCreatorRest()
                .mapCreatorRestPair_list()
                .map((p: Ctx) => [this.expr(p.expression(0)), this.expr(p.expression(1))] as [Expr, Expr]);
            return base;
        }
        if (c.setCreatorRest()) {
            base.init = c
                .setCreatorRest()
                .expression_list()
                .map((x: Ctx) => this.expr(x));
            return base;
        }
        throw new LowerError(at, 'Unrecognised creator');
    }
}
