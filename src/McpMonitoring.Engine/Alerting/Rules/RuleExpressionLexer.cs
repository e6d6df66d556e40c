using System.Globalization;
using System.Text;

namespace McpMonitoring.Engine.Alerting.Rules;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    Operator,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Duration,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0);

/// <summary>Splits an expression into tokens; only PromQL's lexical forms the subset can meet are recognised.</summary>
internal static class RuleExpressionLexer
{
    // Longest first, so "==" is not read as "=" "=".
    private static readonly string[] Operators = ["==", "!=", "=~", "!~", ">=", "<=", "=", ">", "<", "+", "-", "*", "/", "%", "^", "@"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", i));
                return tokens;
            }

            var c = text[i];
            var start = i;
            if (c == '#')
            {
                throw new RuleExpressionException("comments are not supported in an expression", start);
            }

            if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or ':'))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(word.ToLowerInvariant() is "inf" or "nan"
                    ? new Token(TokenKind.Number, word, start, word.Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN : double.PositiveInfinity)
                    : new Token(TokenKind.Identifier, word, start));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
                continue;
            }

            if (c is '"' or '\'' or '`')
            {
                tokens.Add(new Token(TokenKind.String, ReadString(text, ref i), start));
                continue;
            }

            var single = c switch
            {
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                '{' => TokenKind.LeftBrace,
                '}' => TokenKind.RightBrace,
                '[' => TokenKind.LeftBracket,
                ']' => TokenKind.RightBracket,
                ',' => TokenKind.Comma,
                _ => (TokenKind?)null,
            };
            if (single is { } kind)
            {
                tokens.Add(new Token(kind, c.ToString(), start));
                i++;
                continue;
            }

            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                ?? throw new RuleExpressionException($"unexpected character '{c}'", start);
            tokens.Add(new Token(TokenKind.Operator, op, start));
            i += op.Length;
        }
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] == '0' && i + 1 < text.Length && text[i + 1] is 'x' or 'X')
        {
            throw new RuleExpressionException("hexadecimal numbers are not supported", start);
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i < text.Length && text[i] is 'e' or 'E' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] is '+' or '-' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
        {
            i += 2;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
        {
            // "5m", "1h30m": a duration. Only range vectors, offset and subqueries use one; the parser rejects
            // those by name when it meets them, which says more than a lexing error would.
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            return new Token(TokenKind.Duration, text[start..i], start);
        }

        var literal = text[start..i];
        return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? new Token(TokenKind.Number, literal, start, value)
            : throw new RuleExpressionException($"'{literal}' is not a number", start);
    }

    private static string ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i++];
        var builder = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw new RuleExpressionException("unterminated string", start);
            }

            var c = text[i++];
            if (c == quote)
            {
                return builder.ToString();
            }

            // Backquoted strings are raw, as in PromQL (handy for regexes: `api\.v1`).
            if (c != '\\' || quote == '`')
            {
                builder.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                throw new RuleExpressionException("unterminated string", start);
            }

            var escaped = text[i++];
            builder.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'a' => '\a',
                'b' => '\b',
                'f' => '\f',
                'v' => '\v',
                '\\' or '"' or '\'' => escaped,
                // Go's string syntax (which PromQL uses) rejects other escapes; a regex dot is written "\\." or `\.`.
                _ => throw new RuleExpressionException($"unknown escape '\\{escaped}' in a string (write \"\\\\{escaped}\" or use a `backquoted` string)", i - 2),
            });
        }
    }
}

/// <summary>An expression outside the supported subset, with the character position of the problem.</summary>
public sealed class RuleExpressionException(string problem, int position) : FormatException($"{problem} (at character {position + 1})")
{
    public string Problem { get; } = problem;

    public int Position { get; } = position;
}
