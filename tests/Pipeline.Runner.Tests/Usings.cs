global using Pipeline.Plans;
global using Pipeline.Runner;
global using Pipeline.Serving.Accounting;
global using Pipeline.Serving.Execution;
global using Pipeline.Serving.Loop;
global using Pipeline.Serving.Scheduling;
global using Pipeline.Serving.Tests.TestData;
global using Pipeline.Serving.Workload;
