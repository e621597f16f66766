using System.Text;
using LLama;
using Pipeline.Core.Tokenization;

namespace Pipeline.Engine.Tests.Tokenization;

/// <summary>
/// Pipeline's one-turn chat prompt against llama.cpp's own (<c>llama_chat_apply_template</c>, through LLamaSharp's
/// <see cref="LLamaTemplate"/>), for the templates the models people download carry: each recognised template's text,
/// one user message, the assistant's turn opened.
/// </summary>
public sealed class ChatTemplateLlamaCppTests
{
    // The templates as the models' tokenizer_config.json files carry them (Llama 2 chat, Llama 3 instruct, ChatML).
    private const string Llama2 =
        "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}"
        + "{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}{% for message in loop_messages %}"
        + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
        + "{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
        + "{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
        + "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";

    private const string Llama3 =
        "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
        + "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

    private const string ChatMl =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, template) in new[] { ("llama-2", Llama2), ("llama-3", Llama3), ("chatml", ChatMl) })
        {
            foreach (var prompt in new[] { "hello there", "  padded, with a trailing newline\n", "line one\nline two", "多语言 text, emoji 😀 and code `x => x * 2`" })
            {
                data.Add(name, template, prompt);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_one_turn_prompt_is_the_text_llama_cpp_writes_for_the_same_template(string name, string template, string prompt)
    {
        var format = ChatTemplates.Recognise(template);
        format.Should().NotBeNull(name);
        var llamaCpp = new LLamaTemplate(template) { AddAssistant = true };
        llamaCpp.Add("user", prompt);

        var expected = Encoding.UTF8.GetString(llamaCpp.Apply());

        ChatTemplates.Render(format!.Value, prompt).Should().Be(expected, name);
    }
}
