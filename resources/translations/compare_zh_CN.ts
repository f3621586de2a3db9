<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>compare</name>
    <message>
      <source>(nothing else)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <source>Adam</source>
      <translation>Adam</translation>
    </message>
    <message>
      <source>Co&amp;mpare variants</source>
      <translation>比较变体(&amp;M)</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>比较</translation>
    </message>
    <message>
      <source>Could not export</source>
      <translation>无法导出</translation>
    </message>
    <message>
      <source>DIVERGED</source>
      <translation>发散</translation>
    </message>
    <message>
      <source>Epochs each Play trains (a finished run trains this many more)</source>
      <translation>每次“播放”训练的轮数（训练结束后再按播放，再训练这么多轮）</translation>
    </message>
    <message>
      <source>Epochs to target: the first epoch whose training loss is at most this (empty: a tenth of the first variant's initial loss)</source>
      <translation>达到目标的轮数：训练误差第一次不超过此值的轮次（留空：第一个变体初始误差的十分之一）</translation>
    </message>
    <message>
      <source>Every variant back to its initial weights</source>
      <translation>所有变体回到各自的初始权重</translation>
    </message>
    <message>
      <source>Export the comparison</source>
      <translation>导出比较</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <source>L1</source>
      <translation>L1 正则化</translation>
    </message>
    <message>
      <source>L2</source>
      <translation>L2 正则化</translation>
    </message>
    <message>
      <source>Make the variants from the open network (or the lesson's comparison)</source>
      <translation>由当前网络（或课程自带的比较）生成各个变体</translation>
    </message>
    <message>
      <source>Open in Network view</source>
      <translation>在网络视图中打开</translation>
    </message>
    <message>
      <source>Open the selected variant as the network (one undo step; double-click does it too)</source>
      <translation>把选中的变体作为网络打开（一步可撤销；双击也可以）</translation>
    </message>
    <message>
      <source>Open variant {0}</source>
      <translation>打开变体 {0}</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Play</source>
      <translation>播放</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>SGD</source>
      <translation>SGD</translation>
    </message>
    <message>
      <source>Save the whole comparison as PNG or SVG</source>
      <translation>把整个比较保存为 PNG 或 SVG</translation>
    </message>
    <message>
      <source>Set up</source>
      <translation>建立比较</translation>
    </message>
    <message>
      <source>The pictures show the first {0} variants; the curves and the table all {1}.</source>
      <translation>图中只显示前 {0} 个变体；曲线和表格显示全部 {1} 个。</translation>
    </message>
    <message>
      <source>Values separated by commas; whole numbers also as ranges (0-3)</source>
      <translation>用逗号分隔的取值；整数也可写成范围（0-3）</translation>
    </message>
    <message>
      <source>Vary</source>
      <translation>变化</translation>
    </message>
    <message>
      <source>accum. BP</source>
      <translation>累积 BP</translation>
    </message>
    <message>
      <source>accumulated BP</source>
      <translation>累积 BP</translation>
    </message>
    <message>
      <source>all epochs</source>
      <translation>不早停</translation>
    </message>
    <message>
      <source>and</source>
      <translation>与</translation>
    </message>
    <message>
      <source>as it is</source>
      <translation>原样</translation>
    </message>
    <message>
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <source>batch {0}</source>
      <translation>批量 {0}</translation>
    </message>
    <message>
      <source>diverged</source>
      <translation>发散</translation>
    </message>
    <message>
      <source>early stop</source>
      <translation>早停</translation>
    </message>
    <message>
      <source>early stopping</source>
      <translation>早停</translation>
    </message>
    <message>
      <source>epoch</source>
      <translation>轮数</translation>
    </message>
    <message>
      <source>epoch {0} of {1}</source>
      <translation>第 {0} / {1} 轮</translation>
    </message>
    <message>
      <source>epochs</source>
      <translation>轮数</translation>
    </message>
    <message>
      <source>epochs to target</source>
      <translation>达到目标的轮数</translation>
    </message>
    <message>
      <source>fastest</source>
      <translation>最快</translation>
    </message>
    <message>
      <source>finished</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>hidden activation</source>
      <translation>隐层激活函数</translation>
    </message>
    <message>
      <source>hidden neurons</source>
      <translation>隐层神经元数</translation>
    </message>
    <message>
      <source>learning rate η</source>
      <translation>学习率 η</translation>
    </message>
    <message>
      <source>mini-batch</source>
      <translation>小批量 BP</translation>
    </message>
    <message>
      <source>mini-batch BP</source>
      <translation>小批量 BP</translation>
    </message>
    <message>
      <source>mini-batch size</source>
      <translation>小批量大小</translation>
    </message>
    <message>
      <source>momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <source>no early stopping</source>
      <translation>不早停</translation>
    </message>
    <message>
      <source>no reg.</source>
      <translation>无正则化</translation>
    </message>
    <message>
      <source>no regularisation</source>
      <translation>不处理</translation>
    </message>
    <message>
      <source>not started</source>
      <translation>未开始</translation>
    </message>
    <message>
      <source>optimiser</source>
      <translation>优化器</translation>
    </message>
    <message>
      <source>patience {0}</source>
      <translation>耐心 {0}</translation>
    </message>
    <message>
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <source>penalty λ</source>
      <translation>惩罚系数 λ</translation>
    </message>
    <message>
      <source>perceptron</source>
      <translation>感知机</translation>
    </message>
    <message>
      <source>perceptron rule</source>
      <translation>感知机规则</translation>
    </message>
    <message>
      <source>regularisation</source>
      <translation>正则化</translation>
    </message>
    <message>
      <source>rule (standard / accumulated / mini-batch)</source>
      <translation>更新方式（标准 / 累积 / 小批量）</translation>
    </message>
    <message>
      <source>seed (initial weights)</source>
      <translation>随机种子（初始权重）</translation>
    </message>
    <message>
      <source>seed {0}</source>
      <translation>种子 {0}</translation>
    </message>
    <message>
      <source>setting</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>speed</source>
      <translation>速度</translation>
    </message>
    <message>
      <source>standard BP</source>
      <translation>标准 BP</translation>
    </message>
    <message>
      <source>status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>stopped early</source>
      <translation>已早停</translation>
    </message>
    <message>
      <source>target loss</source>
      <translation>目标误差</translation>
    </message>
    <message>
      <source>target loss: it must be above 0</source>
      <translation>目标误差：必须大于 0</translation>
    </message>
    <message>
      <source>target loss: {0!r} is not a number</source>
      <translation>目标误差：{0!r} 不是数字</translation>
    </message>
    <message>
      <source>target reached</source>
      <translation>达到目标</translation>
    </message>
    <message>
      <source>test acc.</source>
      <translation>测试正确率</translation>
    </message>
    <message>
      <source>test loss</source>
      <translation>测试误差</translation>
    </message>
    <message>
      <source>the lesson's comparison</source>
      <translation>课程自带的比较</translation>
    </message>
    <message>
      <source>train acc.</source>
      <translation>训练正确率</translation>
    </message>
    <message>
      <source>train loss</source>
      <translation>训练误差</translation>
    </message>
    <message>
      <source>training</source>
      <translation>训练中</translation>
    </message>
    <message>
      <source>training loss (log)</source>
      <translation>训练误差（对数）</translation>
    </message>
    <message>
      <source>val. {0}</source>
      <translation>验证 {0}</translation>
    </message>
    <message>
      <source>validation {0}</source>
      <translation>验证集 {0}</translation>
    </message>
    <message>
      <source>{0} epochs/s</source>
      <translation>每秒 {0} 轮</translation>
    </message>
    <message>
      <source>{0} hidden</source>
      <translation>隐层 {0} 个</translation>
    </message>
    <message>
      <source>{0} init</source>
      <translation>初值 {0}</translation>
    </message>
    <message>
      <source>{0} is chosen twice</source>
      <translation>{0} 选了两次</translation>
    </message>
    <message>
      <source>{0} variants: at most {1} can be compared</source>
      <translation>{0} 个变体：最多只能比较 {1} 个</translation>
    </message>
    <message>
      <source>{0}: “{1}” does not read as values (a comma list, or a range such as 0-3)</source>
      <translation>{0}：“{1}” 不是有效的取值（用逗号分隔，或写成 0-3 这样的范围）</translation>
    </message>
  </context>
</TS>
