namespace LossDsl.Generator.Parsing;

/// <summary>The kinds of token in a formula.</summary>
internal enum TokenKind
{
    /// <summary>End of the formula.</summary>
    End,
    /// <summary>A numeric literal such as <c>0.5</c> or <c>1e-6</c>.</summary>
    Number,
    /// <summary>A name: a parameter, a binding or a function.</summary>
    Identifier,
    /// <summary><c>+</c></summary>
    Plus,
    /// <summary><c>-</c></summary>
    Minus,
    /// <summary><c>*</c></summary>
    Star,
    /// <summary><c>/</c></summary>
    Slash,
    /// <summary><c>^</c></summary>
    Caret,
    /// <summary><c>(</c></summary>
    OpenParen,
    /// <summary><c>)</c></summary>
    CloseParen,
    /// <summary><c>[</c></summary>
    OpenBracket,
    /// <summary><c>]</c></summary>
    CloseBracket,
    /// <summary><c>,</c></summary>
    Comma,
    /// <summary><c>;</c></summary>
    Semicolon,
    /// <summary><c>=</c></summary>
    Assign,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterEqual,
    /// <summary><c>==</c></summary>
    EqualEqual,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>&amp;</c></summary>
    Ampersand,
    /// <summary><c>|</c></summary>
    Bar,
    /// <summary><c>!</c></summary>
    Bang,
    /// <summary>A character the language does not use.</summary>
    Bad,
}
