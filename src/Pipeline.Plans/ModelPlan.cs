namespace Pipeline.Plans;

/// <summary>The model an experiment serves: its name (built-in or declared), shape and weights.</summary>
public sealed record ModelPlan(string Name, ModelArchitecture Architecture, WeightsSource Weights);
