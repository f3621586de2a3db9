<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Command</name>
    <message>
        <source>Use CSV data</source>
        <translation>使用 CSV 数据</translation>
    </message>
</context>
<context>
    <name>CsvDialog</name>
    <message>
        <source>CSV file…</source>
        <translation>CSV 文件…</translation>
    </message>
    <message>
        <source>Table {0}</source>
        <translation>表格 {0}</translation>
    </message>
    <message>
        <source>Data from a CSV file</source>
        <translation>来自 CSV 文件的数据</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Target (what to predict)</source>
        <translation>目标列（要预测的量）</translation>
    </message>
    <message>
        <source>Input columns</source>
        <translation>输入列</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Standardise numeric inputs (mean 0, deviation 1)</source>
        <translation>数值输入标准化（均值 0、标准差 1）</translation>
    </message>
    <message>
        <source>Off by default: the numbers go in as they are in the file.</source>
        <translation>默认关闭：数值按文件中的原样输入。</translation>
    </message>
    <message>
        <source>Training share</source>
        <translation>训练集比例</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Use this data</source>
        <translation>使用这些数据</translation>
    </message>
    <message>
        <source>Open a CSV file</source>
        <translation>打开 CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv)</source>
        <translation>CSV 文件 (*.csv *.txt *.tsv)</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source> with BOM</source>
        <translation>（带 BOM）</translation>
    </message>
    <message>
        <source>separated by {0}</source>
        <translation>以{0}分隔</translation>
    </message>
    <message>
        <source>header row</source>
        <translation>有表头行</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>无表头行</translation>
    </message>
    <message>
        <source>{0} rows × {1} columns</source>
        <translation>{0} 行 × {1} 列</translation>
    </message>
    <message>
        <source>decimal comma</source>
        <translation>小数逗号</translation>
    </message>
    <message>
        <source>Larger than {0} KB: the network file keeps the CSV&apos;s path and checksum, not the table. Keep the CSV with the .nnsim file.</source>
        <translation>大于 {0} KB：网络文件只保存 CSV 的路径和校验和，不保存表格。请把 CSV 与 .nnsim 文件放在一起。</translation>
    </message>
    <message>
        <source>bad cell</source>
        <translation>有错误的单元格</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>category ({0})</source>
        <translation>类别（{0} 种）</translation>
    </message>
    <message>
        <source>two classes</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>k classes</source>
        <translation>多分类（k 类）</translation>
    </message>
    <message>
        <source>regression (a number)</source>
        <translation>回归（预测数值）</translation>
    </message>
    <message>
        <source> (proposed)</source>
        <translation>（建议）</translation>
    </message>
    <message>
        <source>Target {0}: {1}</source>
        <translation>目标 {0}：{1}</translation>
    </message>
    <message>
        <source>Classes: {0}</source>
        <translation>类别：{0}</translation>
    </message>
    <message>
        <source>{0}: category → {1} (one-hot)</source>
        <translation>{0}：类别 → {1}（one-hot 编码）</translation>
    </message>
    <message>
        <source>{0}: number, standardised (x − {1:.4g}) / {2:.4g}</source>
        <translation>{0}：数值，标准化 (x − {1:.4g}) / {2:.4g}</translation>
    </message>
    <message>
        <source>{0}: number, as it is</source>
        <translation>{0}：数值，原样输入</translation>
    </message>
    <message>
        <source>{0} inputs; {1} training rows, {2} test rows</source>
        <translation>{0} 个输入；训练 {1} 行，测试 {2} 行</translation>
    </message>
    <message>
        <source>The input layer is set to the table&apos;s {0} inputs.</source>
        <translation>输入层将设为表格的 {0} 个输入。</translation>
    </message>
    <message>
        <source>The input layer takes {0} inputs: it fits.</source>
        <translation>输入层有 {0} 个输入：正好匹配。</translation>
    </message>
    <message>
        <source>The output layer fits the task.</source>
        <translation>输出层与任务匹配。</translation>
    </message>
    <message>
        <source>The output layer has {0} neuron(s) and does not fit the task.</source>
        <translation>输出层有 {0} 个神经元，与任务不匹配。</translation>
    </message>
    <message>
        <source>Set the output layer to one sigmoid output (two classes)</source>
        <translation>把输出层设为 1 个 sigmoid 输出（二分类）</translation>
    </message>
    <message>
        <source>Set the output layer to {0} softmax outputs (k classes)</source>
        <translation>把输出层设为 {0} 个 softmax 输出（多分类）</translation>
    </message>
    <message>
        <source>Set the output layer to one linear output (regression)</source>
        <translation>把输出层设为 1 个线性输出（回归）</translation>
    </message>
    <message>
        <source> — one undo step with the rest</source>
        <translation>——与其余更改合为一步撤销</translation>
    </message>
</context>
</TS>
