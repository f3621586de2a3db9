<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Command</name>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="117"/>
        <source>Change weight</source>
        <extracomment>An edit of this kind pauses a running training before it is applied (the run&apos;s undo step then comes first): what changes the network does, what only moves or names it does not.</extracomment>
        <translation>修改权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="156"/>
        <source>Change bias</source>
        <translation>修改偏置</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="192"/>
        <source>Randomise weights</source>
        <translation>随机初始化权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="212"/>
        <source>Change activation</source>
        <translation>修改激活函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="238"/>
        <source>Move layer</source>
        <translation>移动层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="240"/>
        <source>Move layers</source>
        <translation>移动多个层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="260"/>
        <source>Rename layer</source>
        <translation>重命名层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/commands.py" line="278"/>
        <source>Change settings</source>
        <extracomment>The training controller applies settings to a run itself (live, or pause-apply-go on).</extracomment>
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
        <location filename="../../nnsim/gui/editor.py" line="76"/>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="83"/>
        <source>Add neuron</source>
        <translation>添加神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="101"/>
        <source>An input neuron joins only an input layer, and a neuron only a dense layer.</source>
        <translation>输入神经元只能加入输入层，神经元只能加入全连接层。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="113"/>
        <source>Drop the bias unit on a layer to give its neurons biases.</source>
        <translation>把偏置单元拖到某一层上，为该层的神经元加上偏置。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="120"/>
        <source>This layer already has biases.</source>
        <translation>该层已经有偏置。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="124"/>
        <source>Add biases</source>
        <translation>添加偏置</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="136"/>
        <source>Unknown palette item.</source>
        <translation>未知的组件。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="153"/>
        <source>Change layer size</source>
        <translation>修改层的大小</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="165"/>
        <source>Toggle biases</source>
        <translation>开关偏置</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="174"/>
        <source>Change layer</source>
        <translation>修改层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="183"/>
        <source>Connect layers</source>
        <translation>连接两层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="185"/>
        <location filename="../../nnsim/gui/editor.py" line="198"/>
        <source>Connect neurons</source>
        <translation>连接神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="243"/>
        <source>Change initialisation</source>
        <translation>修改初始化方式</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="272"/>
        <source>This layer has no incoming weights to randomise.</source>
        <translation>该层没有输入连接，无可随机化的权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/editor.py" line="326"/>
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
    <name>LayerLabel</name>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="27"/>
        <source>input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="28"/>
        <source>hidden</source>
        <translation>隐层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="29"/>
        <source>output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/i18n.py" line="30"/>
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
        <location filename="../../nnsim/gui/main_window.py" line="404"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="405"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="406"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="407"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="408"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="411"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="415"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="416"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="417"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="418"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="419"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="420"/>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="421"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="422"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="423"/>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="424"/>
        <source>&amp;Tidy layout</source>
        <translation>整理布局(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="425"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="426"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="427"/>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="428"/>
        <source>Show &amp;weights</source>
        <translation>显示权重(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="429"/>
        <source>Show &amp;thresholds θ instead of biases b</source>
        <translation>显示阈值 θ 而非偏置 b(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="430"/>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="431"/>
        <source>Leave (F5)</source>
        <translation>退出演示 (F5)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="433"/>
        <source>Hide panels (F6)</source>
        <translation>隐藏面板 (F6)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="435"/>
        <source>Panels (F6)</source>
        <translation>面板 (F6)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="437"/>
        <source>&amp;About nnsim</source>
        <translation>关于 nnsim(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="460"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="460"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="520"/>
        <source>Untitled network</source>
        <translation>未命名网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="526"/>
        <source>{0} layers · {1} parameters</source>
        <translation>{0} 层 · {1} 个参数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="528"/>
        <source>not a standard MLP</source>
        <translation>非标准多层前馈网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="597"/>
        <source>Open network</source>
        <translation>打开网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="608"/>
        <source>Could not open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="610"/>
        <source>{0} could not be opened:

{1}

The current network is unchanged.</source>
        <translation>无法打开 {0}：

{1}

当前网络保持不变。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="640"/>
        <source>There is no lesson {0}</source>
        <translation>没有名为 {0} 的课程</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="658"/>
        <source>Save network</source>
        <translation>保存网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="674"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="675"/>
        <source>The network was not saved:

{0}</source>
        <translation>网络未能保存：

{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="683"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="692"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="693"/>
        <source>The network has changes that are not saved. Save them?</source>
        <translation>网络有尚未保存的修改。是否保存？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="720"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="861"/>
        <source>About nnsim</source>
        <translation>关于 nnsim</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="863"/>
        <source>&lt;h3&gt;nnsim {0}&lt;/h3&gt;&lt;p&gt;A neural-network simulator for teaching: build a network, then step it through forward and backward passes number by number.&lt;/p&gt;&lt;p&gt;Chinese font: WenQuanYi Micro Hei (Apache-2.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;nnsim {0}&lt;/h3&gt;&lt;p&gt;用于教学的神经网络模拟器：搭建网络，然后逐个数字地单步执行前向传播与反向传播。&lt;/p&gt;&lt;p&gt;中文字体：文泉驿微米黑（Apache-2.0）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="54"/>
        <source>Restore the autosaved network?</source>
        <translation>恢复自动保存的网络？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="55"/>
        <source>nnsim did not close properly last time. A network autosaved at {0} can be restored. Restore it?</source>
        <translation>nnsim 上次没有正常关闭。可以恢复 {0} 自动保存的网络。是否恢复？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="72"/>
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
        <location filename="../../nnsim/gui/inspectors/network.py" line="102"/>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="103"/>
        <source>Parameters</source>
        <translation>参数个数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="104"/>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="126"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="128"/>
        <source>{0} items selected</source>
        <translation>已选中 {0} 项</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="138"/>
        <source>a standard multi-layer feedforward network</source>
        <translation>标准的多层前馈网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="140"/>
        <source>not a standard multi-layer feedforward network: {0}</source>
        <translation>不是标准的多层前馈网络：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="146"/>
        <source>Click a neuron, an edge or a layer to inspect and edit it. Double-click an edge to type its weight.</source>
        <translation>单击神经元、连接或层即可查看和编辑。双击连接可直接输入权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="19"/>
        <source>the network is empty</source>
        <extracomment>NetworkDocument.is_standard_mlp&apos;s English reasons → their text to translate ({0}, {1}: the layer or link ids, counts and kinds the reason names); the model layer has no Qt.</extracomment>
        <translation>网络是空的</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="22"/>
        <source>a standard network has one input layer, this one has {0}</source>
        <translation>标准网络只有一个输入层，这个网络有 {0} 个</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="28"/>
        <source>layer {0} is a {1} layer, not a layer of neurons</source>
        <translation>层 {0} 是“{1}”，不是神经元层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="32"/>
        <source>layer {0} feeds several layers ({1}): a link skips a layer</source>
        <translation>层 {0} 连到多个层（{1}）：有连接跳过了一层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="38"/>
        <source>link {0} is not a full connection</source>
        <translation>连接 {0} 不是全连接</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="42"/>
        <source>layer {0} has several incoming links: a link skips a layer</source>
        <translation>层 {0} 有多个输入连接：有连接跳过了一层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="48"/>
        <source>layer {0} is not on the path from input to output</source>
        <translation>层 {0} 不在从输入到输出的路径上</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/inspectors/network.py" line="52"/>
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
        <location filename="../../nnsim/gui/palette.py" line="39"/>
        <source>Input neuron</source>
        <translation>输入神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="40"/>
        <source>Neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="41"/>
        <source>Output neuron</source>
        <translation>输出神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="42"/>
        <source>Bias unit</source>
        <translation>偏置单元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="46"/>
        <source>Drop on the canvas for a new input layer, or on an input layer to add an input</source>
        <translation>拖到画布空白处新建输入层，拖到输入层上则增加一个输入</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="49"/>
        <source>Drop on the canvas for a new one-neuron layer, or on a layer to add a neuron to it</source>
        <translation>拖到画布空白处新建单神经元层，拖到某层上则为该层增加一个神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="53"/>
        <source>Drop on the canvas for a new output layer, or on a layer to add a neuron to it</source>
        <translation>拖到画布空白处新建输出层，拖到某层上则为该层增加一个神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="56"/>
        <source>Drop on a layer to give its neurons biases (thresholds θ = −b)</source>
        <translation>拖到某层上，为该层神经元加上偏置（阈值 θ = −b）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="232"/>
        <source>(not available in this version)</source>
        <translation>（此版本中不可用）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="234"/>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="235"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/palette.py" line="238"/>
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
