using System.Text.Json;

namespace Seed.Evaluation;

/// <summary>
/// Writes <c>{"dataset": ..., "events": N, "models": [{"name": ..., "hr@K": ..., "ndcg@K": ..., "mrr": ..., "recall@20": ..., "coverage@K": ...}]}</c>;
/// metric names carry the run's K so results with different cutoffs cannot be confused.
/// </summary>
public static class EvaluationReportWriter
{
    // Six decimals is far below the sampling noise of any data set we evaluate and keeps diffs readable.
    private const int Decimals = 6;

    public static string ToJson(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("dataset", report.Dataset);
            json.WriteNumber("events", report.Events);
            json.WriteStartArray("models");
            foreach (var model in report.Models)
            {
                json.WriteStartObject();
                json.WriteString("name", model.Name);
                json.WriteNumber($"hr@{report.K}", Math.Round(model.HitRate, Decimals));
                json.WriteNumber($"ndcg@{report.K}", Math.Round(model.Ndcg, Decimals));
                json.WriteNumber("mrr", Math.Round(model.Mrr, Decimals));
                json.WriteNumber($"recall@{MetricAccumulator.RecallCutoff}", Math.Round(model.Recall20, Decimals));
                json.WriteNumber($"coverage@{report.K}", Math.Round(model.Coverage, Decimals));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
