#!/usr/bin/env python3
"""Writes the small GGUF files the conformance cases refer to (run from this folder; deterministic).

tiny.gguf: a 1-layer llama (hidden 32, heads 2, kv heads 1, ffn 64, vocab 64, context 512), F16 weights of a fixed
pattern, tied embeddings, a 64-token vocabulary array. The invalid cases' files are variations of it.
"""
import random
import struct

ALIGN = 32


def string(s):
    b = s.encode()
    return struct.pack('<Q', len(b)) + b


def value(v):
    if isinstance(v, str):
        return struct.pack('<I', 8) + string(v)
    if isinstance(v, float):
        return struct.pack('<If', 6, v)
    if isinstance(v, list):
        return struct.pack('<IIQ', 9, 8, len(v)) + b''.join(string(x) for x in v)
    return struct.pack('<II', 4, v)


def gguf(metadata, tensors):
    """tensors: (name, dims innermost first); all F16 (ggml type 1)."""
    head = b'GGUF' + struct.pack('<IQQ', 3, len(tensors), len(metadata))
    for k, v in metadata.items():
        head += string(k) + value(v)
    data, offset = b'', 0
    for name, dims in tensors:
        count = 1
        for d in dims:
            count *= d
        head += string(name) + struct.pack('<I', len(dims)) + b''.join(struct.pack('<Q', d) for d in dims)
        head += struct.pack('<IQ', 1, offset)
        blob = b''.join(struct.pack('<e', ((i % 17) - 8) / 64.0) for i in range(count))
        blob += b'\0' * (-len(blob) % ALIGN)
        data += blob
        offset += len(blob)
    head += b'\0' * (-len(head) % ALIGN)
    return head + data


def llama(layers=1, hidden=32, heads=2, kv=1, ffn=64, vocab=64):
    return {
        'general.architecture': 'llama',
        'general.name': 'tiny',
        'llama.block_count': layers,
        'llama.context_length': 512,
        'llama.embedding_length': hidden,
        'llama.feed_forward_length': ffn,
        'llama.attention.head_count': heads,
        'llama.attention.head_count_kv': kv,
        'llama.rope.freq_base': 10000.0,
        'llama.attention.layer_norm_rms_epsilon': 1e-5,
        'tokenizer.ggml.tokens': [f'<t{i}>' for i in range(vocab)],
    }


def tensors(layers=1, hidden=32, heads=2, kv=1, ffn=64, vocab=64):
    kv_dim = hidden // heads * kv
    out = [('token_embd.weight', [hidden, vocab]), ('output_norm.weight', [hidden])]
    for i in range(layers):
        p = f'blk.{i}.'
        out += [(p + 'attn_norm.weight', [hidden]), (p + 'attn_q.weight', [hidden, hidden]),
                (p + 'attn_k.weight', [hidden, kv_dim]), (p + 'attn_v.weight', [hidden, kv_dim]),
                (p + 'attn_output.weight', [hidden, hidden]), (p + 'ffn_norm.weight', [hidden]),
                (p + 'ffn_gate.weight', [hidden, ffn]), (p + 'ffn_up.weight', [hidden, ffn]),
                (p + 'ffn_down.weight', [ffn, hidden])]
    return out


def write(path, content):
    with open(path, 'wb') as f:
        f.write(content)


write('tiny.gguf', gguf(llama(), tensors()))
wrong = [(n, [32, 32]) if n == 'blk.0.attn_k.weight' else (n, d) for n, d in tensors() if n != 'blk.0.ffn_norm.weight']
write('../invalid/weights/tiny-wrong-tensors.gguf', gguf(llama(), wrong))
qwen = dict(llama())
qwen['general.architecture'] = 'qwen2'
write('../invalid/weights/qwen2.gguf', gguf(qwen, []))
write('../invalid/weights/random-bytes.gguf', random.Random(11).randbytes(512))
