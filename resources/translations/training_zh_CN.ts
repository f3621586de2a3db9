<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationExplorer</name>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="129"/>
        <source>Softmax at large logits: naive vs stable</source>
        <extracomment>The x grid of the activation plot for the default plot range (−5, 5); an activation&apos;s registry entry may ask for another range. The logits of the softmax demo are scale × these.</extracomment>
        <translation>大输入下的 Softmax：朴素算法与稳定算法</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="130"/>
        <source>Logits × </source>
        <translation>输入 × </translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="136"/>
        <source>naive exp(x_i) / Σ exp(x_j)</source>
        <translation>朴素算法 exp(x_i) / Σ exp(x_j)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="137"/>
        <source>stable: subtract max x first</source>
        <translation>稳定算法：先减去 max x</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="138"/>
        <source>naive log Σ exp(x_j)</source>
        <translation>朴素算法 log Σ exp(x_j)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="139"/>
        <source>stable: max x + log Σ exp(x_j − max x)</source>
        <translation>稳定算法：max x + log Σ exp(x_j − max x)</translation>
    </message>
</context>
<context>
    <name>BoundaryPlot</name>
    <message>
        <location filename="../../nnsim/gui/plots/boundary_plot.py" line="113"/>
        <source>No decision boundary: it is drawn over a plane of 2 inputs, and this network&apos;s input is {0}.</source>
        <extracomment>Shown instead of the plot where there is no input plane. The last output grid drawn (G × G), for tests and exports.</extracomment>
        <translation>此处没有决策边界：它画在 2 个输入构成的平面上，而这个网络的输入是 {0}。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/boundary_plot.py" line="117"/>
        <source>No decision boundary: it is drawn over a plane of 2 inputs.</source>
        <translation>此处没有决策边界：它画在 2 个输入构成的平面上。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/boundary_plot.py" line="48"/>
        <source>Show test data</source>
        <translation>显示测试数据</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/boundary_plot.py" line="50"/>
        <source>Discretise output</source>
        <translation>输出离散化</translation>
    </message>
</context>
<context>
    <name>ErrorPlot</name>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="171"/>
        <source>No history: the file keeps only the weights. Play or One epoch records one.</source>
        <translation>没有训练历史：文件只保存权重。按“开始”或“一轮”会记录新的历史。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="174"/>
        <source>No training yet: Play or One epoch draws the error here.</source>
        <translation>还没有训练：按“开始”或“一轮”，误差曲线会画在这里。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="32"/>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="33"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="100"/>
        <source>error (loss)</source>
        <extracomment>Epoch of the early-stopping mark, or None. Says why the plot is empty (no history yet, or an opened file: the format keeps none); a wrapped line above the plot (not over its title), hidden once there is a curve to show.</extracomment>
        <translation>误差（损失）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="101"/>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="102"/>
        <source>test / validation</source>
        <translation>测试集 / 验证集</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="128"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="129"/>
        <source>epoch</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="139"/>
        <source>early stop: epoch {0}</source>
        <translation>早停：第 {0} 轮</translation>
    </message>
</context>
<context>
    <name>FormulaPanel</name>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="228"/>
        <source>This network cannot be stepped.</source>
        <translation>这个网络不能逐步计算。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="294"/>
        <source>Open the CNN view</source>
        <extracomment>Buttons that step a pass (One epoch trains, and stays).</extracomment>
        <translation>打开卷积网络 CNN 视图</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="295"/>
        <source>Open the RNN view</source>
        <translation>打开循环网络 RNN 视图</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="296"/>
        <source>Open the Activation functions view</source>
        <translation>打开激活函数视图</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="185"/>
        <source>Forward pass</source>
        <extracomment>Point sizes of the current formula and of the list, normal and in presentation mode. A zero-width space: where a line may break without showing anything. the shown formula in the engine&apos;s plain notation (what the command line prints)</extracomment>
        <translation>前向传播</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="186"/>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="187"/>
        <source>Backward pass (error back-propagation)</source>
        <translation>反向传播（误差逆传播）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="188"/>
        <source>Weight update</source>
        <translation>权重更新</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="198"/>
        <source>Press → for the first neuron of this pass.</source>
        <translation>按 → 计算本次传播的第一个神经元。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="203"/>
        <source>Press → to start the forward pass of sample {0} at the first neuron.</source>
        <translation>按 → 从第一个神经元开始样本 {0} 的前向传播。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="205"/>
        <source>Press → to start the forward pass at the first neuron.</source>
        <translation>按 → 从第一个神经元开始前向传播。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="235"/>
        <source>Step through one training step with the buttons above.</source>
        <translation>用上面的按钮逐步执行一次训练。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="238"/>
        <source>→ next neuron · Shift+→ next layer · ← / Shift+← back · U apply the update</source>
        <translation>→ 下一个神经元 · Shift+→ 下一层 · ← / Shift+← 退回 · U 执行权重更新</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="247"/>
        <source>Start of a pass</source>
        <translation>一次计算的开始</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="253"/>
        <source>sample {0}</source>
        <translation>样本 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="255"/>
        <source>batch of samples {0}–{1}</source>
        <translation>样本 {0}–{1} 组成的批</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="258"/>
        <source>step {0} of {1}</source>
        <translation>第 {0} 步，共 {1} 步</translation>
    </message>
</context>
<context>
    <name>PlotPanel</name>
    <message>
        <location filename="../../nnsim/gui/plots/base.py" line="153"/>
        <source>View all</source>
        <extracomment>Tick label point size and line width factor, normal and in presentation mode.</extracomment>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/base.py" line="154"/>
        <source>Copy picture</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/base.py" line="155"/>
        <location filename="../../nnsim/gui/plots/base.py" line="213"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/base.py" line="236"/>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/base.py" line="241"/>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
</context>
<context>
    <name>StepController</name>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="168"/>
        <source>No step-through for convolution and pooling: it goes neuron by neuron through dense layers. The CNN view shows the convolution step by step.</source>
        <translation>卷积和池化不能逐步计算：逐步计算是在全连接层中逐个神经元进行的。卷积网络视图会一步步演示卷积。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="176"/>
        <source>No step-through for a recurrent network: it goes neuron by neuron through dense layers. The RNN view unrolls it over time.</source>
        <translation>循环网络不能逐步计算：逐步计算是在全连接层中逐个神经元进行的。循环网络视图会把它按时间展开。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="184"/>
        <source>No step-through for a Maxout layer: it goes neuron by neuron through dense layers. The Activation functions view compares the functions.</source>
        <translation>Maxout 层不能逐步计算：逐步计算是在全连接层中逐个神经元进行的。激活函数视图可以比较各个函数。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="333"/>
        <source>Step: update weights</source>
        <translation>单步：更新权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="155"/>
        <source>This network cannot be trained yet.</source>
        <extracomment>Groupings offered by the buttons (Stepper.group_key).</extracomment>
        <translation>这个网络还不能训练。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="159"/>
        <source>Stepping needs a network with one input layer.</source>
        <translation>逐步计算需要只有一个输入层的网络。</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="353"/>
        <source>Nothing to train.</source>
        <extracomment>Settings whose change means new data: the weights are reset. Settings whose change resets the weights (new initial weights from the seed). Settings a running training takes over in place (the history goes on). Settings that do not concern the trainer at all. Redraws per second at most while the worker thread trains: just over the 25 a lecture needs, so that a late tick still keeps the plots at 25; every frame fewer is processor time the worker trains with (the two share one interpreter). Redraws per second at most while the training process trains: the plots&apos; own limit, since frames then cost the training nothing (it has a core of its own) and the headroom keeps the plots above 25 a second when a frame comes late. The interpreter&apos;s thread switch interval while the worker trains (seconds). Frames drawn so far (the benchmark counts redraws with it). Processor time of the UI thread for each of the last frames, in seconds. Write the weights into the document every this many frames while training (the canvas&apos;s edges follow ~7 times a second; the plots and neuron pictures every frame). Redrawing every edge is the costliest part of a frame. The undo step of the run in progress (None between runs). Train on once the run has stopped and ``_after_stop`` ran (a settings change). Settings fields (and &quot;data&quot;) the document said changed and nothing took up yet.</extracomment>
        <translation>没有可训练的内容。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="498"/>
        <source>Training stopped with an error: {0}</source>
        <translation>训练因错误而停止：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="505"/>
        <source>Training diverged: the numbers became too large (inf or NaN), the learning rate is probably too high. The last finite weights were restored.</source>
        <translation>训练发散：数值变得过大（inf 或 NaN），学习率可能太高。已恢复最后一组有限的权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="511"/>
        <source>Early stopping: the validation error stopped improving; the weights of epoch {0} were restored.</source>
        <translation>早停：验证误差不再下降；已恢复第 {0} 轮的权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="518"/>
        <source>The perceptron converged: every sample is classified correctly.</source>
        <translation>感知机已收敛：所有样本都分类正确。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="525"/>
        <source>The weights repeat: the perceptron rule cycles for ever because the data are not linearly separable.</source>
        <translation>权重重复出现：数据线性不可分，感知机学习规则将永远循环。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="533"/>
        <source>Trained to epoch {0}.</source>
        <translation>已训练到第 {0} 轮。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/run_steps.py" line="27"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/run_steps.py" line="51"/>
        <source>Train 1 epoch</source>
        <translation>训练 1 轮</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/run_steps.py" line="56"/>
        <source>Train {0} epochs</source>
        <translation>训练 {0} 轮</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/run_steps.py" line="118"/>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/run_steps.py" line="158"/>
        <source>Go back to epoch {0}</source>
        <translation>回到第 {0} 轮</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="422"/>
        <source>Training paused: you changed the network. The epochs trained so far are one undo step; press Play to go on from your change.</source>
        <translation>训练已暂停：你修改了网络。已训练的轮次合为一个撤销步骤；按“播放”从你的修改处继续训练。</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="703"/>
        <source>Add an input layer and a layer of neurons to train the network.</source>
        <translation>添加一个输入层和一层神经元，就可以训练网络。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="145"/>
        <source>Run</source>
        <extracomment>Learning rates offered (Playground&apos;s list); any positive number can be typed. Regularisation rates offered (Playground&apos;s list). Speeds of the speed slider in epochs per second; 0 = as fast as possible. Feature names as the panel writes them.</extracomment>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="187"/>
        <source>Epoch</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="188"/>
        <source>Training error</source>
        <translation>训练误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="189"/>
        <source>Test error</source>
        <translation>测试误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="190"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="217"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="219"/>
        <source>Changing the data resets the weights.</source>
        <translation>更改数据会重置权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="224"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="233"/>
        <source>Points</source>
        <extracomment>name → the label of its row in the data form (rows hide where they do not apply)</extracomment>
        <translation>样本点数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="481"/>
        <source>Noise (%)</source>
        <translation>噪声（%）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="248"/>
        <source>Training share (%)</source>
        <extracomment>the data set&apos;s noise is a standard deviation 0–1 (the sequence sets), shown as σ in hundredths on the slider, not Playground&apos;s percentage</extracomment>
        <translation>训练集比例（%）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="255"/>
        <source>Data seed</source>
        <translation>数据随机种子</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="267"/>
        <source>Input features</source>
        <translation>输入特征</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="272"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="277"/>
        <source>Changes apply at once and keep the weights. η and the batch size continue the history; the other settings start a new history.</source>
        <translation>更改立即生效，权重保持不变。η 和批大小沿用当前的训练历史；其他设置会开始新的训练历史。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="285"/>
        <source>Learning rule</source>
        <translation>学习规则</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="289"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="293"/>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="296"/>
        <source>Optimiser</source>
        <translation>优化方法</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="299"/>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="302"/>
        <source>Regularisation</source>
        <translation>正则化</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="308"/>
        <source>Regularisation rate λ</source>
        <translation>正则化系数 λ</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="314"/>
        <source>on, patience</source>
        <translation>开启，容忍轮数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="315"/>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="322"/>
        <source>Validation share (0: the test part)</source>
        <translation>验证集比例（0：使用测试集）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="326"/>
        <source>Epochs per run</source>
        <translation>每次运行的轮数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="331"/>
        <source>Initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="333"/>
        <source>Changing these resets the weights.</source>
        <translation>更改这些设置会重置权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="338"/>
        <source>Initialisation</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="342"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="458"/>
        <source>Change {0}</source>
        <translation>更改 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="545"/>
        <source>Change input features</source>
        <translation>更改输入特征</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="557"/>
        <source>The lesson&apos;s samples</source>
        <translation>本课的样本</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="628"/>
        <source>plain gradient descent</source>
        <translation>普通梯度下降</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="628"/>
        <source>momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="628"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="634"/>
        <source>squared error ½Σ(y−ŷ)²</source>
        <translation>均方误差 ½Σ(y−ŷ)²</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="635"/>
        <source>binary cross-entropy (sigmoid)</source>
        <translation>二分类交叉熵（sigmoid）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="636"/>
        <source>cross-entropy (softmax)</source>
        <translation>交叉熵（softmax）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="641"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="664"/>
        <source>perceptron rule</source>
        <translation>感知机学习规则</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="665"/>
        <source>standard BP (one sample per update)</source>
        <translation>标准 BP（每个样本更新一次）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="666"/>
        <source>accumulated BP (whole set per update)</source>
        <translation>累积 BP（整个训练集更新一次）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="667"/>
        <source>mini-batch SGD</source>
        <translation>小批量随机梯度下降</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="672"/>
        <source>uniform in (0, 1), as the book</source>
        <translation>(0, 1) 内均匀分布（教材）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="673"/>
        <source>uniform in (−0.5, 0.5), as Playground</source>
        <translation>(−0.5, 0.5) 内均匀分布（Playground）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="674"/>
        <source>Xavier (Glorot)</source>
        <translation>Xavier（Glorot）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="675"/>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="676"/>
        <source>all zero</source>
        <translation>全部为零</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="684"/>
        <source>as fast as possible</source>
        <translation>最快</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="684"/>
        <source>{0} epochs/s</source>
        <translation>每秒 {0} 轮</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="695"/>
        <source>Time: recording (pause to go back in time)</source>
        <translation>时间：正在记录（暂停后可回到过去）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="757"/>
        <source>Time: no snapshots yet (train to record some)</source>
        <translation>时间：还没有快照（训练后会记录）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="761"/>
        <source>Time: snapshot {0} of {1} (epoch {2})</source>
        <translation>时间：第 {0} 个快照，共 {1} 个（第 {2} 轮）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="777"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="481"/>
        <source>Noise σ</source>
        <translation>噪声 σ</translation>
    </message>
</context>
<context>
    <name>TrainingUI</name>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="38"/>
        <source>Play / pause</source>
        <extracomment>name → (text, shortcut); texts are translated when shown.</extracomment>
        <translation>开始 / 暂停</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="39"/>
        <source>One epoch</source>
        <translation>一轮</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="40"/>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="41"/>
        <source>Faster</source>
        <translation>加快</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="42"/>
        <source>Slower</source>
        <translation>放慢</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="43"/>
        <source>Next neuron →</source>
        <translation>下一个神经元 →</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="44"/>
        <source>Next layer ⇒</source>
        <translation>下一层 ⇒</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="45"/>
        <source>← Back one neuron</source>
        <translation>← 退回一个神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="46"/>
        <source>⇐ Back one layer</source>
        <translation>⇐ 退回一层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="47"/>
        <source>Apply the update</source>
        <translation>执行权重更新</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="48"/>
        <source>One sample</source>
        <translation>一个样本</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="49"/>
        <source>One batch</source>
        <translation>一批</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="50"/>
        <source>Pictures inside the neurons</source>
        <translation>神经元内显示输出图</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="52"/>
        <source>Export the network as PNG/SVG…</source>
        <translation>导出网络图（PNG/SVG）…</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="130"/>
        <location filename="../../nnsim/gui/training/install.py" line="246"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="137"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="139"/>
        <source>Play</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="147"/>
        <source>Export the network</source>
        <translation>导出网络图</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="156"/>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="262"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="270"/>
        <source>Step-through</source>
        <translation>逐步计算</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="275"/>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="121"/>
        <source>Error</source>
        <extracomment>Buttons of the step-through panel, in order.</extracomment>
        <translation>误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="122"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="286"/>
        <source>Error and weights</source>
        <translation>误差与权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="299"/>
        <source>Activation functions</source>
        <translation>激活函数</translation>
    </message>
</context>
<context>
    <name>WeightPlot</name>
    <message>
        <location filename="../../nnsim/gui/plots/weight_plot.py" line="50"/>
        <source>epoch</source>
        <extracomment>Weights drawn when nothing is selected, at most (small networks: all of them). Flat parameter indices drawn, in curve order.</extracomment>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/weight_plot.py" line="51"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
</TS>
