namespace Pipeline.Serving.Internal;

/// <summary>
/// The number stream of <c>new System.Random(seed)</c> (.NET's seeded generator, Knuth's subtractive method, whose
/// sequence .NET keeps stable for a given seed), reimplemented so that its state can be copied: a request's prompt
/// keeps a copy taken where its tokens begin and draws them only when a scheduler first reads them. <see cref="Next"/>
/// returns exactly what <see cref="Random.Next(int)"/> does for the same seed and calls (checked against it in tests).
/// </summary>
internal sealed class SeededTokenRandom
{
    private const int Seed = 161803398;
    private readonly int[] _state = new int[56];
    private int _next;
    private int _nextP = 21;

    public SeededTokenRandom(int seed)
    {
        var subtraction = seed == int.MinValue ? int.MaxValue : Math.Abs(seed);
        var mj = Seed - subtraction;
        _state[55] = mj;
        var mk = 1;
        var ii = 0;
        for (var i = 1; i < 55; i++)
        {
            if ((ii += 21) >= 55) ii -= 55;
            _state[ii] = mk;
            mk = mj - mk;
            if (mk < 0) mk += int.MaxValue;
            mj = _state[ii];
        }
        for (var k = 1; k < 5; k++)
        {
            for (var i = 1; i < 56; i++)
            {
                var n = i + 30;
                if (n >= 55) n -= 55;
                _state[i] -= _state[1 + n];
                if (_state[i] < 0) _state[i] += int.MaxValue;
            }
        }
    }

    private SeededTokenRandom(SeededTokenRandom other)
    {
        Array.Copy(other._state, _state, _state.Length);
        _next = other._next;
        _nextP = other._nextP;
    }

    /// <summary>A generator that continues from here independently of this one.</summary>
    public SeededTokenRandom Copy() => new(this);

    /// <summary>A number in <c>[0, maxValue)</c>, as <see cref="Random.Next(int)"/>.</summary>
    public int Next(int maxValue) => (int)(Sample() * (1.0 / int.MaxValue) * maxValue);

    /// <summary>Advances past <paramref name="count"/> draws without using them.</summary>
    public void Skip(int count)
    {
        var (next, nextP) = (_next, _nextP);
        for (var i = 0; i < count; i++) Step(_state, ref next, ref nextP);
        (_next, _nextP) = (next, nextP);
    }

    /// <summary>Fills <paramref name="destination"/> with successive <see cref="Next"/>(<paramref name="maxValue"/>) values.</summary>
    /// <remarks>A prompt's thousand draws in one loop over locals (a call per draw that reloads and stores the cursors showed in profiles).</remarks>
    public void Fill(Span<int> destination, int maxValue)
    {
        var (next, nextP) = (_next, _nextP);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (int)(Step(_state, ref next, ref nextP) * (1.0 / int.MaxValue) * maxValue);
        }
        (_next, _nextP) = (next, nextP);
    }

    private int Sample()
    {
        var (next, nextP) = (_next, _nextP);
        var value = Step(_state, ref next, ref nextP);
        (_next, _nextP) = (next, nextP);
        return value;
    }

    private static int Step(int[] state, ref int next, ref int nextP)
    {
        next = next + 1 >= 56 ? 1 : next + 1;
        nextP = nextP + 1 >= 56 ? 1 : nextP + 1;
        var value = state[next] - state[nextP];
        if (value == int.MaxValue) value--;
        if (value < 0) value += int.MaxValue;
        state[next] = value;
        return value;
    }
}
