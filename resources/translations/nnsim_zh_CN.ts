<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Activation</name>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="45"/>
        <source>step</source>
        <translation>阶跃函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="46"/>
        <source>sign</source>
        <translation>符号函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="47"/>
        <source>identity (linear)</source>
        <translation>恒等（线性）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="48"/>
        <source>sigmoid σ</source>
        <translation>Sigmoid σ</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="49"/>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="50"/>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="51"/>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="52"/>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="53"/>
        <source>Softplus</source>
        <translation>Softplus</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="54"/>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
</context>
<context>
    <name>Command</name>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="108"/>
        <source>Change weight</source>
        <translation>修改权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="144"/>
        <source>Change bias</source>
        <translation>修改偏置</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="175"/>
        <source>Randomise weights</source>
        <translation>随机初始化权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="192"/>
        <source>Change activation</source>
        <translation>修改激活函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="216"/>
        <source>Move layer</source>
        <translation>移动层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="218"/>
        <source>Move layers</source>
        <translation>移动多个层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="236"/>
        <source>Rename layer</source>
        <translation>重命名层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="251"/>
        <source>Change settings</source>
        <translation>修改设置</translation>
    </message>
</context>
<context>
    <name>EdgePanel</name>
    <message>
        <location filename="../../nnsim/gui/inspectors/edge.py" line="18"/>
        <source>Maxout piece</source>
        <translation>Maxout 分段</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/edge.py" line="21"/>
        <source>Weight w</source>
        <translation>权重 w</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/edge.py" line="44"/>
        <source>Weight {0} → {1}</source>
        <translation>权重 {0} → {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/edge.py" line="45"/>
        <source>link {0} → {1}</source>
        <translation>连接 {0} → {1}</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="75"/>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="82"/>
        <source>Add neuron</source>
        <translation>添加神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="100"/>
        <source>An input neuron joins only an input layer, and a neuron only a dense layer.</source>
        <translation>输入神经元只能加入输入层，神经元只能加入全连接层。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="112"/>
        <source>Drop the bias unit on a layer to give its neurons biases.</source>
        <translation>把偏置单元拖到某一层上，为该层的神经元加上偏置。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="119"/>
        <source>This layer already has biases.</source>
        <translation>该层已经有偏置。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="123"/>
        <source>Add biases</source>
        <translation>添加偏置</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="133"/>
        <source>Unknown palette item.</source>
        <translation>未知的组件。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="150"/>
        <source>Change layer size</source>
        <translation>修改层的大小</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="162"/>
        <source>Toggle biases</source>
        <translation>开关偏置</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="171"/>
        <source>Change layer</source>
        <translation>修改层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="180"/>
        <source>Connect layers</source>
        <translation>连接两层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="182"/>
        <location filename="../../nnsim/gui/editor.py" line="195"/>
        <source>Connect neurons</source>
        <translation>连接神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="240"/>
        <source>Change initialisation</source>
        <translation>修改初始化方式</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="269"/>
        <source>This layer has no incoming weights to randomise.</source>
        <translation>该层没有输入连接，无可随机化的权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="323"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>Init</name>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="12"/>
        <source>uniform in (0, 1) — the book</source>
        <translation>(0, 1) 均匀分布（教材）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="13"/>
        <source>uniform in (−0.5, 0.5)</source>
        <translation>(−0.5, 0.5) 均匀分布</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="14"/>
        <source>Xavier (Glorot)</source>
        <translation>Xavier（Glorot）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="15"/>
        <source>He</source>
        <translation>He（何恺明）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="16"/>
        <source>all zero</source>
        <translation>全零</translation>
    </message>
</context>
<context>
    <name>LayerKind</name>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="32"/>
        <source>Input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="33"/>
        <source>Dense layer</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="34"/>
        <source>Maxout layer</source>
        <translation>Maxout 层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="35"/>
        <source>1-D convolution</source>
        <translation>一维卷积</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="36"/>
        <source>Convolution</source>
        <translation>卷积层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="37"/>
        <source>Max pooling</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="38"/>
        <source>Average pooling</source>
        <translation>平均池化</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="39"/>
        <source>Flatten</source>
        <translation>展平</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="40"/>
        <source>Recurrent (RNN)</source>
        <translation>循环层（RNN）</translation>
    </message>
</context>
<context>
    <name>LayerLabel</name>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="24"/>
        <source>input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="25"/>
        <source>hidden</source>
        <translation>隐层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="26"/>
        <source>output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="27"/>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="34"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="36"/>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="173"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="193"/>
        <source>Palette</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="199"/>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="403"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="404"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="405"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="406"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="407"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="410"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="414"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="415"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="416"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="417"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="418"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="419"/>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="420"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="421"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="422"/>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="423"/>
        <source>&amp;Tidy layout</source>
        <translation>整理布局(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="424"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="425"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="426"/>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="427"/>
        <source>Show &amp;weights</source>
        <translation>显示权重(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="428"/>
        <source>Show &amp;thresholds θ instead of biases b</source>
        <translation>显示阈值 θ 而非偏置 b(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="429"/>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="430"/>
        <source>Leave (F5)</source>
        <translation>退出演示 (F5)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="432"/>
        <source>Hide panels (F6)</source>
        <translation>隐藏面板 (F6)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="434"/>
        <source>Panels (F6)</source>
        <translation>面板 (F6)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="436"/>
        <source>&amp;About nnsim</source>
        <translation>关于 nnsim(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="459"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="459"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="519"/>
        <source>Untitled network</source>
        <translation>未命名网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="525"/>
        <source>{0} layers · {1} parameters</source>
        <translation>{0} 层 · {1} 个参数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="527"/>
        <source>not a standard MLP</source>
        <translation>非标准多层前馈网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="592"/>
        <source>Open network</source>
        <translation>打开网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="603"/>
        <source>Could not open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="605"/>
        <source>{0} could not be opened:

{1}

The current network is unchanged.</source>
        <translation>无法打开 {0}：

{1}

当前网络保持不变。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="635"/>
        <source>There is no lesson {0}</source>
        <translation>没有名为 {0} 的课程</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="653"/>
        <source>Save network</source>
        <translation>保存网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="669"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="670"/>
        <source>The network was not saved:

{0}</source>
        <translation>网络未能保存：

{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="678"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="687"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="688"/>
        <source>The network has changes that are not saved. Save them?</source>
        <translation>网络有尚未保存的修改。是否保存？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="715"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="851"/>
        <source>About nnsim</source>
        <translation>关于 nnsim</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="853"/>
        <source>&lt;h3&gt;nnsim {0}&lt;/h3&gt;&lt;p&gt;A neural-network simulator for teaching: build a network, then step it through forward and backward passes number by number.&lt;/p&gt;&lt;p&gt;Chinese font: WenQuanYi Micro Hei (Apache-2.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;nnsim {0}&lt;/h3&gt;&lt;p&gt;用于教学的神经网络模拟器：搭建网络，然后逐个数字地单步执行前向传播与反向传播。&lt;/p&gt;&lt;p&gt;中文字体：文泉驿微米黑（Apache-2.0）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="50"/>
        <source>Restore the autosaved network?</source>
        <translation>恢复自动保存的网络？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="51"/>
        <source>nnsim did not close properly last time. A network autosaved at {0} can be restored. Restore it?</source>
        <translation>nnsim 上次没有正常关闭。可以恢复 {0} 自动保存的网络。是否恢复？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="68"/>
        <source>Could not restore</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>MaxoutLayerPanel</name>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="187"/>
        <source>Linear pieces k</source>
        <translation>线性分段数 k</translation>
    </message>
</context>
<context>
    <name>NetworkPanel</name>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="42"/>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="43"/>
        <source>Parameters</source>
        <translation>参数个数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="44"/>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="66"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="68"/>
        <source>{0} items selected</source>
        <translation>已选中 {0} 项</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="77"/>
        <source>a standard multi-layer feedforward network</source>
        <translation>标准的多层前馈网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="79"/>
        <source>not a standard multi-layer feedforward network: {0}</source>
        <translation>不是标准的多层前馈网络：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="83"/>
        <source>Click a neuron, an edge or a layer to inspect and edit it. Double-click an edge to type its weight.</source>
        <translation>单击神经元、连接或层即可查看和编辑。双击连接可直接输入权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="19"/>
        <source>the network is empty</source>
        <translation>网络是空的</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="23"/>
        <source>a standard network has one input layer, this one has {0}</source>
        <translation>标准网络只有一个输入层，这个网络有 {0} 个</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="28"/>
        <source>layer {0} is a {1} layer, not a layer of neurons</source>
        <translation>层 {0} 是“{1}”，不是神经元层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="33"/>
        <source>layer {0} feeds several layers ({1}): a link skips a layer</source>
        <translation>层 {0} 连到多个层（{1}）：有连接跳过了一层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="38"/>
        <source>link {0} is not a full connection</source>
        <translation>连接 {0} 不是全连接</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="43"/>
        <source>layer {0} has several incoming links: a link skips a layer</source>
        <translation>层 {0} 有多个输入连接：有连接跳过了一层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="48"/>
        <source>layer {0} is not on the path from input to output</source>
        <translation>层 {0} 不在从输入到输出的路径上</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="51"/>
        <source>the network has no output layer</source>
        <translation>网络没有输出层</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../../nnsim/gui/canvas/view.py" line="187"/>
        <source>Not every weight has room to be printed: point at an edge, or click a neuron, to see its weights.</source>
        <translation>并非每个权重都有位置显示：将鼠标指向一条连线，或点击一个神经元，即可看到它的权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/canvas/view.py" line="194"/>
        <source>Layers of more than {0} neurons are drawn as boxes here; leave presentation mode (F5) to see them neuron by neuron.</source>
        <translation>超过 {0} 个神经元的层在这里画成方框；退出演示模式 (F5) 可逐个查看神经元。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/canvas/view.py" line="483"/>
        <source>Drag neurons and layers from the palette onto the canvas</source>
        <translation>从组件面板把神经元和层拖到画布上</translation>
    </message>
</context>
<context>
    <name>NeuronLayerPanel</name>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="85"/>
        <source>Neurons</source>
        <translation>神经元数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="90"/>
        <source>Activation (all)</source>
        <translation>激活函数（整层）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="94"/>
        <source>Biases</source>
        <translation>偏置</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="101"/>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="113"/>
        <source>use biases (thresholds θ = −b)</source>
        <translation>使用偏置（阈值 θ = −b）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="114"/>
        <source>Randomise incoming weights</source>
        <translation>随机初始化输入权重</translation>
    </message>
</context>
<context>
    <name>NeuronPanel</name>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="20"/>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="31"/>
        <source>Show</source>
        <translation>显示为</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="45"/>
        <source>Net input</source>
        <translation>净输入</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="46"/>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="113"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="53"/>
        <source>Threshold θ</source>
        <translation>阈值 θ</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="54"/>
        <source>Bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="57"/>
        <source>bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="58"/>
        <source>threshold θ = −b</source>
        <translation>阈值 θ = −b</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="59"/>
        <source>This layer has biases</source>
        <translation>该层有偏置（阈值）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="78"/>
        <source>Neuron {0}</source>
        <translation>神经元 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="80"/>
        <source>in layer “{0}” ({1})</source>
        <translation>位于“{0}”（{1}）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/neuron.py" line="113"/>
        <source>Input value</source>
        <translation>输入值</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="41"/>
        <source>Input neuron</source>
        <translation>输入神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="42"/>
        <source>Neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="43"/>
        <source>Output neuron</source>
        <translation>输出神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="44"/>
        <source>Bias unit</source>
        <translation>偏置单元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="45"/>
        <source>Dense layer</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="46"/>
        <source>Maxout layer</source>
        <translation>Maxout 层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="47"/>
        <source>Convolution</source>
        <translation>卷积层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="48"/>
        <source>Pooling</source>
        <translation>池化层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="49"/>
        <source>Flatten</source>
        <translation>展平</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="50"/>
        <source>RNN block</source>
        <translation>RNN 模块</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="54"/>
        <source>Drop on the canvas for a new input layer, or on an input layer to add an input</source>
        <translation>拖到画布空白处新建输入层，拖到输入层上则增加一个输入</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="57"/>
        <source>Drop on the canvas for a new one-neuron layer, or on a layer to add a neuron to it</source>
        <translation>拖到画布空白处新建单神经元层，拖到某层上则为该层增加一个神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="61"/>
        <source>Drop on the canvas for a new output layer, or on a layer to add a neuron to it</source>
        <translation>拖到画布空白处新建输出层，拖到某层上则为该层增加一个神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="64"/>
        <source>Drop on a layer to give its neurons biases (thresholds θ = −b)</source>
        <translation>拖到某层上，为该层神经元加上偏置（阈值 θ = −b）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="67"/>
        <source>A fully connected layer of three neurons</source>
        <translation>含三个神经元的全连接层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="68"/>
        <source>A Maxout layer: each unit takes the max of two linear pieces</source>
        <translation>Maxout 层：每个单元取两个线性函数中的最大值</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="71"/>
        <source>A 2-D convolution layer (cross-correlation)</source>
        <translation>二维卷积层（互相关）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="72"/>
        <source>A 2×2 max-pooling layer</source>
        <translation>2×2 最大池化层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="73"/>
        <source>Flattens a shaped input into a vector</source>
        <translation>把多维输入展平成向量</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="74"/>
        <source>An Elman recurrent layer</source>
        <translation>Elman 循环层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="236"/>
        <source>(not available in this version)</source>
        <translation>（此版本中不可用）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="238"/>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="239"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="242"/>
        <source>Drag onto the canvas. Drag from a neuron&apos;s small circle to another neuron to connect them; from a layer&apos;s diamond to another layer to connect every neuron.</source>
        <translation>拖到画布上即可添加。从神经元右侧的小圆圈拖到另一个神经元即可连接二者；从层右侧的菱形拖到另一层即可全连接。</translation>
    </message>
</context>
<context>
    <name>ShapedLayerPanel</name>
    <message>
        <location filename="../../nnsim/gui/inspectors/layer.py" line="207"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
</context>
</TS>
