namespace Pipeline.Language.Units;

/// <summary>A unit: its spelling, its dimension and the factor to the dimension's base unit (s, tok, B, B/s, FLOP/s, req/s, USD/h).</summary>
public sealed record UnitDefinition(string Symbol, Dimension Dimension, double Factor);
