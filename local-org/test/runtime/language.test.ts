import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exec, run } from './helpers';

const SHAPES = {
    'Shapes.cls': `public with sharing class Shapes {
    public interface Shape { Decimal area(); }
    public abstract class Base implements Shape, Comparable {
        public String name { get; set; }
        public abstract Decimal area();
        public virtual String describe() { return name + ' of ' + area(); }
        public Integer compareTo(Object other) {
            Decimal a = area();
            Decimal b = ((Base) other).area();
            return a < b ? -1 : (a > b ? 1 : 0);
        }
    }
    public class Square extends Base {
        Integer side;
        public Square(Integer side) { this.side = side; name = 'square'; }
        public Square() { this(1); }
        public override Decimal area() { return side * side; }
        public override String describe() { return 'a ' + super.describe(); }
    }
    public enum Kind { CIRCLE, SQUARE }
    public static Integer made = 0;
    static { made = 100; }
    public Integer counter { get { return counter == null ? 0 : counter; } set { counter = value * 2; } }
}`
};

test('classes, inner classes, interfaces, abstract/virtual/override and super calls', async () => {
    const lines = await run(
        `Shapes.Shape s = new Shapes.Square(3);
System.debug(s.area());
Shapes.Base b = new Shapes.Square();
System.debug(b.describe());
System.debug(s instanceof Shapes.Base);
System.debug(s instanceof Comparable);`,
        SHAPES
    );
    assert.deepEqual(lines, ['9', 'a square of 1', 'true', 'true']);
});

test('Comparable and List.sort', async () => {
    const lines = await run(
        `List<Shapes.Base> xs = new List<Shapes.Base>{ new Shapes.Square(3), new Shapes.Square(1), new Shapes.Square(2) };
xs.sort();
System.debug(xs[0].area() + ',' + xs[1].area() + ',' + xs[2].area());
List<String> words = new List<String>{ 'b', 'C', 'a' };
words.sort();
System.debug(words);`,
        SHAPES
    );
    assert.deepEqual(lines, ['1,4,9', '(C, a, b)']);
});

test('enums: values, name, ordinal, valueOf, switch on', async () => {
    const lines = await run(
        `Shapes.Kind k = Shapes.Kind.valueOf('SQUARE');
System.debug(k.name() + ' ' + k.ordinal() + ' ' + Shapes.Kind.values());
switch on k {
    when CIRCLE { System.debug('circle'); }
    when SQUARE { System.debug('square'); }
}
System.debug(Shapes.Kind.valueOf('square'));
try { Shapes.Kind.valueOf('TRIANGLE'); } catch (Exception e) { System.debug(e.getTypeName()); }`,
        SHAPES
    );
    assert.deepEqual(lines, ['SQUARE 1 (CIRCLE, SQUARE)', 'square', 'SQUARE', 'System.NoSuchElementException']);
});

test('static initialisers and property accessors', async () => {
    const lines = await run(
        `System.debug(Shapes.made);
Shapes q = new Shapes();
System.debug(q.counter);
q.counter = 5;
System.debug(q.counter);`,
        SHAPES
    );
    assert.deepEqual(lines, ['100', '0', '10']);
});

test('switch on Integer, String (case-sensitive) and type', async () => {
    const lines = await run(`for (Object o : new List<Object>{ 1, 'ABC', 'abc', 2.5 }) {
    switch on o {
        when Integer i { System.debug('int ' + i); }
        when String s {
            switch on s {
                when 'abc' { System.debug('lower'); }
                when else { System.debug('other ' + s); }
            }
        }
        when else { System.debug('else'); }
    }
}
Integer n = 3;
switch on n { when 1, 2 { System.debug('small'); } when 3 { System.debug('three'); } }`);
    assert.deepEqual(lines, ['int 1', 'other ABC', 'lower', 'else', 'three']);
});

test('loops with break and continue, do-while, ternary, ?. and ??', async () => {
    const lines = await run(
        `Integer total = 0;
for (Integer i = 0; i < 10; i++) {
    if (Math.mod(i, 2) == 0) continue;
    if (i > 7) break;
    total += i;
}
System.debug(total);
Integer j = 0;
do { j++; } while (j < 3);
System.debug(j);
Shapes.Square nothing;
System.debug(nothing?.name);
String s;
System.debug(s ?? 'fallback');
System.debug(total > 10 ? 'big' : 'small');`,
        SHAPES
    );
    assert.deepEqual(lines, ['16', '3', 'null', 'fallback', 'big']);
});

test('custom exceptions: four implicit constructors, getters, cause, setMessage, finally', async () => {
    const lines = await run(
        `try {
    try {
        throw new Errs.BadException('inner');
    } finally {
        System.debug('finally ran');
    }
} catch (Errs.BadException e) {
    Errs.BadException wrapped = new Errs.BadException('outer', e);
    System.debug(wrapped.getMessage() + ' / ' + wrapped.getCause().getMessage() + ' / ' + wrapped.getTypeName());
    System.debug(new Errs.BadException(e).getMessage());
    System.debug(new Errs.BadException().getMessage());
    e.setMessage('changed');
    System.debug(e.getMessage() + ' line ' + e.getLineNumber());
}`,
        { 'Errs.cls': 'public class Errs { public class BadException extends Exception {} }' }
    );
    assert.deepEqual(lines, [
        'finally ran',
        'outer / inner / Errs.BadException',
        'Errs.BadException: inner',
        'null',
        'changed line 3'
    ]);
});

test('checked casts throw TypeException with the platform message', async () => {
    const lines = await run(`Object o = 'text';
try {
    Integer i = (Integer) o;
} catch (TypeException e) {
    System.debug(e.getMessage());
}
Object n = 5;
Long widened = (Long) n;
System.debug(widened);`);
    assert.deepEqual(lines, ['Invalid conversion from runtime type String to Integer', '5']);
});

test('equals and hashCode of project classes drive Map and Set keys', async () => {
    const lines = await run(
        `Map<Key.K, String> m = new Map<Key.K, String>();
m.put(new Key.K('a'), 'first');
m.put(new Key.K('A'), 'second');
m.put(new Key.K('a'), 'third');
System.debug(m.size() + ' ' + m.get(new Key.K('a')));
Set<Key.K> s = new Set<Key.K>{ new Key.K('x'), new Key.K('x') };
System.debug(s.size());`,
        {
            'Key.cls': `public class Key {
    public class K {
        String v;
        public K(String v) { this.v = v; }
        public Boolean equals(Object o) { return o instanceof K && ((K) o).v.equals(v); }
        public Integer hashCode() { return 7; }
    }
}`
        }
    );
    assert.deepEqual(lines, ['2 third', '1']);
});

test('Type.forName and newInstance for project classes', async () => {
    const lines = await run(
        `Type t = Type.forName('Shapes.Square');
Shapes.Base b = (Shapes.Base) t.newInstance();
System.debug(t.getName() + ' ' + b.area());
System.debug(Type.forName('NoSuchClass'));`,
        SHAPES
    );
    assert.deepEqual(lines, ['Shapes.Square 1', 'null']);
});

test('collections: List/Set/Map methods, array syntax, clone, equality', async () => {
    const lines = await run(`String[] arr = new String[2];
arr[0] = 'x';
System.debug(arr);
List<Integer> l = new List<Integer>{ 3, 1, 2 };
l.add(0, 9);
l.remove(1);
List<Integer> c = l.clone();
c.add(4);
System.debug(l + ' ' + c + ' ' + l.indexOf(2) + ' ' + l.contains(1) + ' ' + l.equals(new List<Integer>{9, 1, 2}));
Set<String> s = new Set<String>{ 'b', 'a' };
s.addAll(new List<String>{ 'a', 'c' });
System.debug(s + ' ' + s.contains('A'));
Map<String, Integer> m = new Map<String, Integer>{ 'z' => 1 };
m.put('a', 2);
System.debug(m.keySet() + ' ' + m.values() + ' ' + m.containsKey('Z') + ' ' + m.remove('z') + ' ' + m);`);
    assert.deepEqual(lines, [
        '(x, null)',
        '(9, 1, 2) (9, 1, 2, 4) 2 true true',
        '{b, a, c} false',
        '{z, a} (1, 2) false 1 {a=2}'
    ]);
});

test('finally runs after catch and rethrow; an assertion failure skips finally and cannot be swallowed', async () => {
    const lines = await run(
        `System.debug(Fin.swallow());
try { Fin.rethrow(); } catch (Exception e) { System.debug('outer caught ' + e.getMessage()); }`,
        {
            'Fin.cls': `public class Fin {
    public static String swallow() {
        try { Integer x = 1 / 0; } finally { return 'finally wins'; }
    }
    public static void rethrow() {
        try { throw new IllegalArgumentException('first'); }
        catch (IllegalArgumentException e) { System.debug('caught'); throw e; }
        finally { System.debug('finally'); }
    }
}`
        }
    );
    assert.deepEqual(lines, ['finally wins', 'caught', 'finally', 'outer caught first']);
    const r = await exec(`try { System.assert(false, 'boom'); } finally { System.debug('finally'); }`);
    assert.equal(r.message, 'System.AssertException: Assertion Failed: boom');
    assert.deepEqual(r.debugLines, []);
});

test('switch on String is case-sensitive while == is not', async () => {
    const lines = await run(`String v = 'Beta';
switch on v { when 'beta' { System.debug('matched'); } when else { System.debug('no match'); } }
System.debug(v == 'beta');`);
    assert.deepEqual(lines, ['no match', 'true']);
});

test('String.valueOf of an object lists every instance field in declaration order', async () => {
    const lines = await run(`Pt p = new Pt();\np.y = 2;\nSystem.debug(p);\nSystem.debug('' + p);`, {
        'Pt.cls':
            'public class Pt { public Integer x; public Integer y; public static Integer count = 0; public String label { get; set; } }'
    });
    assert.deepEqual(lines, ['Pt:[x=null, y=2, label=null]', 'Pt:[x=null, y=2, label=null]']);
});

test('List.sort with a Comparator', async () => {
    const lines = await run(
        `List<String> xs = new List<String>{ 'ccc', 'a', 'bb' };
xs.sort(new ByLength());
System.debug(xs);`,
        {
            'ByLength.cls':
                'public class ByLength implements Comparator<String> {\n    public Integer compare(String a, String b) { return a.length() - b.length(); }\n}'
        }
    );
    assert.deepEqual(lines, ['(a, bb, ccc)']);
});

test('for-each over a project class implementing Iterable', async () => {
    const lines = await run(`for (Integer i : new Range(3)) { System.debug(i); }`, {
        'Range.cls': `public class Range implements Iterable<Integer> {
    Integer n;
    public Range(Integer n) { this.n = n; }
    public Iterator<Integer> iterator() { return new Counter(n); }
    public class Counter implements Iterator<Integer> {
        Integer i = 0;
        Integer n;
        Counter(Integer n) { this.n = n; }
        public Boolean hasNext() { return i < n; }
        public Integer next() { return i++; }
    }
}`
    });
    assert.deepEqual(lines, ['0', '1', '2']);
});
