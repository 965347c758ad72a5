/**
 * SOQL LIKE: `%` any run of characters, `_` one character, `\%` and `\_` literal; case-insensitive except for
 * case-sensitive fields (SOQL and SOSL Reference, "Comparison Operators").
 */
export function likeToRegExp(pattern: string, caseSensitive = false): RegExp {
    let re = '';
    for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i];
        if (ch === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
            re += '\\' + pattern[++i];
        } else if (ch === '%') {
            re += '[\\s\\S]*';
        } else if (ch === '_') {
            re += '[\\s\\S]';
        } else {
            re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        }
    }
    return new RegExp(`^${re}$`, caseSensitive ? '' : 'i');
}

/** A string literal's value outside LIKE: the `\%` and `\_` escapes stand for the plain characters. */
export function unescapeLikeEscapes(s: string): string {
    return s.replace(/\\([%_])/g, '$1');
}
