namespace Seed.Core.Tests.Interest;

/// <summary>
/// Deliberately naive double-precision LSTM step written straight from the PyTorch nn.LSTM documentation,
/// used as the oracle for the optimised float implementation.
/// </summary>
internal static class ReferenceLstm
{
    public static void Step(
        int inputSize,
        int hiddenSize,
        float[] weightIh,
        float[] weightHh,
        float[] biasIh,
        float[] biasHh,
        float[] input,
        double[] hidden,
        double[] cell)
    {
        var preActivation = new double[4 * hiddenSize];
        for (int row = 0; row < 4 * hiddenSize; row++)
        {
            double sum = (double)biasIh[row] + biasHh[row];
            for (int column = 0; column < inputSize; column++)
            {
                sum += (double)weightIh[(row * inputSize) + column] * input[column];
            }

            for (int column = 0; column < hiddenSize; column++)
            {
                sum += (double)weightHh[(row * hiddenSize) + column] * hidden[column];
            }

            preActivation[row] = sum;
        }

        for (int unit = 0; unit < hiddenSize; unit++)
        {
            double inputGate = Sigmoid(preActivation[unit]);
            double forgetGate = Sigmoid(preActivation[hiddenSize + unit]);
            double candidate = Math.Tanh(preActivation[(2 * hiddenSize) + unit]);
            double outputGate = Sigmoid(preActivation[(3 * hiddenSize) + unit]);
            cell[unit] = (forgetGate * cell[unit]) + (inputGate * candidate);
            hidden[unit] = outputGate * Math.Tanh(cell[unit]);
        }
    }

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
