/**
 * Our own typed Apex AST. Only frontend/parse.ts knows the parser's tree; everything else reads these shapes,
 * so a parser upgrade touches one module. Lines and columns are 1-based.
 */

export interface Pos {
    line: number;
    col: number;
}

/** A (possibly qualified, possibly generic) type reference: `System.Type`, `Map<Id, List<String>>`, `String[]`. */
export interface TypeNode {
    parts: Array<{ name: string; args: TypeNode[] }>;
    arrayDims: number;
    pos: Pos;
}

export interface Annotation {
    name: string;
    pos: Pos;
    /** The annotation's source text without spaces, e.g. `@AuraEnabled(cacheable=true)`, for its parameters. */
    text?: string;
}

export type Expr =
    | {
          k: 'lit';
          pos: Pos;
          type: 'Integer' | 'Long' | 'Decimal' | 'Double' | 'String' | 'Boolean' | 'Null';
          value: string | boolean | null;
      }
    | { k: 'name'; pos: Pos; name: string }
    | { k: 'this'; pos: Pos }
    | { k: 'super'; pos: Pos }
    | { k: 'field'; pos: Pos; target: Expr; name: string; safe: boolean }
    | { k: 'call'; pos: Pos; target: Expr | null; name: string; args: Expr[]; safe: boolean }
    | { k: 'ctorCall'; pos: Pos; which: 'this' | 'super'; args: Expr[] }
    | { k: 'index'; pos: Pos; target: Expr; index: Expr }
    | NewExpr
    | { k: 'cast'; pos: Pos; type: TypeNode; expr: Expr }
    | { k: 'unary'; pos: Pos; op: '-' | '+' | '!' | '~'; expr: Expr }
    | { k: 'incdec'; pos: Pos; op: '++' | '--'; prefix: boolean; target: Expr }
    | { k: 'binary'; pos: Pos; op: string; left: Expr; right: Expr }
    | { k: 'cond'; pos: Pos; cond: Expr; then: Expr; else: Expr }
    | { k: 'assign'; pos: Pos; op: string; target: Expr; value: Expr }
    | { k: 'instanceof'; pos: Pos; expr: Expr; type: TypeNode }
    | { k: 'typeLit'; pos: Pos; type: TypeNode | null }
    | { k: 'soql'; pos: Pos; text: string; binds: SoqlBind[] }
    | { k: 'sosl'; pos: Pos; text: string; binds: SoqlBind[] };

/** A `:expression` inside inline SOQL: its source text (without the colon) and the lowered expression. */
export interface SoqlBind {
    text: string;
    pos: Pos;
    expr: Expr;
}

export interface NewExpr {
    k: 'new';
    pos: Pos;
    type: TypeNode;
    /** `new Foo(args)`; for collections `new List<X>(other)`. */
    args: Expr[] | null;
    /** `new String[n]` */
    arraySize: Expr | null;
    /** `new List<X>{a, b}`, `new String[]{a}`, `new Set<X>{a}` */
    init: Expr[] | null;
    /** `new Map<K,V>{k => v}` */
    mapInit: Array<[Expr, Expr]> | null;
}

export interface VarDecl {
    name: string;
    init: Expr | null;
    pos: Pos;
}

export interface WhenClause {
    pos: Pos;
    kind: 'else' | 'values' | 'type';
    /** For 'values': literals (numbers/strings/null) or enum constant names. */
    values: Array<{ pos: Pos; kind: 'Integer' | 'Long' | 'String' | 'Null' | 'Name'; value: string | null }>;
    type: TypeNode | null;
    varName: string | null;
    body: Block;
}

export type Stmt =
    | Block
    | { k: 'local'; pos: Pos; type: TypeNode; decls: VarDecl[]; isFinal: boolean }
    | { k: 'expr'; pos: Pos; expr: Expr }
    | { k: 'if'; pos: Pos; cond: Expr; then: Stmt; else: Stmt | null }
    | { k: 'while'; pos: Pos; cond: Expr; body: Stmt }
    | { k: 'doWhile'; pos: Pos; cond: Expr; body: Stmt }
    | { k: 'for'; pos: Pos; init: Stmt | Expr[] | null; cond: Expr | null; update: Expr[]; body: Stmt }
    | { k: 'forEach'; pos: Pos; type: TypeNode; name: string; iter: Expr; body: Stmt }
    | { k: 'return'; pos: Pos; expr: Expr | null }
    | { k: 'throw'; pos: Pos; expr: Expr }
    | { k: 'break'; pos: Pos }
    | { k: 'continue'; pos: Pos }
    | {
          k: 'try';
          pos: Pos;
          body: Block;
          catches: Array<{ pos: Pos; type: TypeNode; name: string; body: Block }>;
          fin: Block | null;
      }
    | { k: 'switch'; pos: Pos; expr: Expr; whens: WhenClause[] }
    | { k: 'dml'; pos: Pos; op: string; exprs: Expr[]; asUser?: boolean; keyField?: string }
    | { k: 'runAs'; pos: Pos; args: Expr[]; body: Block };

export interface Block {
    k: 'block';
    pos: Pos;
    stmts: Stmt[];
}

export interface Param {
    name: string;
    type: TypeNode;
    pos: Pos;
}

export interface Modifiers {
    /** Lower-cased keywords: public, static, override, testmethod, ... */
    words: Set<string>;
    annotations: Annotation[];
}

export type Member =
    | { k: 'field'; pos: Pos; mods: Modifiers; type: TypeNode; decls: VarDecl[] }
    | {
          k: 'property';
          pos: Pos;
          mods: Modifiers;
          type: TypeNode;
          name: string;
          getter: { body: Block | null; mods: Modifiers } | null;
          setter: { body: Block | null; mods: Modifiers } | null;
      }
    | {
          k: 'method';
          pos: Pos;
          mods: Modifiers;
          name: string;
          returnType: TypeNode | null;
          params: Param[];
          body: Block | null;
      }
    | { k: 'ctor'; pos: Pos; mods: Modifiers; name: string; params: Param[]; body: Block }
    | { k: 'init'; pos: Pos; isStatic: boolean; body: Block }
    | { k: 'type'; decl: TypeDecl };

export interface TypeDecl {
    kind: 'class' | 'interface' | 'enum';
    name: string;
    pos: Pos;
    file: string;
    mods: Modifiers;
    extendsType: TypeNode | null;
    /** `implements` for classes, `extends` list for interfaces. */
    interfaces: TypeNode[];
    members: Member[];
    enumValues: Array<{ name: string; pos: Pos }>;
}

export interface TriggerDecl {
    name: string;
    sobject: string;
    events: string[];
    pos: Pos;
    file: string;
    body: Block;
}

export interface AnonymousUnit {
    file: string;
    members: Member[];
    stmts: Stmt[];
}
