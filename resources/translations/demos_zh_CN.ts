<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>demos</name>
    <message>
      <source>&amp;CNN view</source>
      <translation>卷积网络视图(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Exercise: one BP step by hand</source>
      <translation>练习：手算一步 BP(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Lessons…</source>
      <translation>课程列表(&amp;L)…</translation>
    </message>
    <message>
      <source>&amp;RNN view</source>
      <translation>循环网络视图(&amp;R)</translation>
    </message>
    <message>
      <source>CNN</source>
      <translation>卷积网络 CNN</translation>
    </message>
    <message>
      <source>Exercise</source>
      <translation>练习</translation>
    </message>
    <message>
      <source>RNN</source>
      <translation>循环网络 RNN</translation>
    </message>
  </context>
  <context>
    <name>demos.cnn</name>
    <message>
      <source>Convolution</source>
      <translation>卷积</translation>
    </message>
    <message>
      <source>Pooling</source>
      <translation>池化</translation>
    </message>
    <message>
      <source>Training on MNIST</source>
      <translation>在 MNIST 上训练</translation>
    </message>
  </context>
  <context>
    <name>demos.conv</name>
    <message>
      <source> or </source>
      <translation> 或 </translation>
    </message>
    <message>
      <source>7×7 grid</source>
      <translation>7×7 网格</translation>
    </message>
    <message>
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>清空</translation>
    </message>
    <message>
      <source>Click or drag on the input to paint 1, right button for 0; double-click to type a value.</source>
      <translation>在输入上单击或拖动涂成 1，右键涂成 0；双击可输入数值。</translation>
    </message>
    <message>
      <source>Compute every position</source>
      <translation>计算所有位置</translation>
    </message>
    <message>
      <source>Convolution (the kernel is flipped)</source>
      <translation>卷积（卷积核翻转）</translation>
    </message>
    <message>
      <source>Convolution flips K by 180° before sliding it: K(m, n) → K(−m, −n).</source>
      <translation>卷积先把 K 旋转 180° 再滑动：K(m, n) → K(−m, −n)。</translation>
    </message>
    <message>
      <source>Convolution: S(i,j) = Σ_m Σ_n I(i − m, j − n) K(m, n)</source>
      <translation>卷积：S(i,j) = Σ_m Σ_n I(i − m, j − n) K(m, n)</translation>
    </message>
    <message>
      <source>Cross-correlation (what CNN layers compute)</source>
      <translation>互相关（卷积层实际计算的）</translation>
    </message>
    <message>
      <source>Cross-correlation uses K as it is (no flip).</source>
      <translation>互相关直接使用 K（不翻转）。</translation>
    </message>
    <message>
      <source>Cross-correlation: S(i,j) = Σ_m Σ_n I(i + m, j + n) K(m, n)</source>
      <translation>互相关：S(i,j) = Σ_m Σ_n I(i + m, j + n) K(m, n)</translation>
    </message>
    <message>
      <source>Double-click a weight to type a new value.</source>
      <translation>双击一个权重可输入新值。</translation>
    </message>
    <message>
      <source>Draw a digit</source>
      <translation>手写一个数字</translation>
    </message>
    <message>
      <source>Draw with the left button, erase with the right.</source>
      <translation>左键书写，右键擦除。</translation>
    </message>
    <message>
      <source>Feature map S</source>
      <translation>特征图 S</translation>
    </message>
    <message>
      <source>First position</source>
      <translation>第一个位置</translation>
    </message>
    <message>
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <source>Input I</source>
      <translation>输入 I</translation>
    </message>
    <message>
      <source>It fits with {0}.</source>
      <translation>改成 {0} 就能放下。</translation>
    </message>
    <message>
      <source>K as stored</source>
      <translation>原始 K</translation>
    </message>
    <message>
      <source>K flipped</source>
      <translation>翻转后的 K</translation>
    </message>
    <message>
      <source>Kernel K</source>
      <translation>卷积核 K</translation>
    </message>
    <message>
      <source>Kernel size F</source>
      <translation>卷积核大小 F</translation>
    </message>
    <message>
      <source>MNIST test digit</source>
      <translation>MNIST 测试数字</translation>
    </message>
    <message>
      <source>Next position</source>
      <translation>下一个位置</translation>
    </message>
    <message>
      <source>One position back</source>
      <translation>后退一个位置</translation>
    </message>
    <message>
      <source>Output size (N − F + 2P)/S + 1</source>
      <translation>输出尺寸 (N − F + 2P)/S + 1</translation>
    </message>
    <message>
      <source>Output size {0} is not a whole number: the window does not fit. With stride {1} the {2}-wide window starts at columns {3}; the next start, column {4}, would need columns {4}–{5}, but the input ends at column {6}. The last {7} column(s) would never be covered completely: a framework would silently drop them. nnsim refuses the layer instead.</source>
      <translation>输出尺寸 {0} 不是整数：窗口放不下。步长为 {1} 时，宽 {2} 的窗口从第 {3} 列开始；下一个起点第 {4} 列需要第 {4}–{5} 列，但输入到第 {6} 列就结束了。最后 {7} 列永远不会被完整覆盖：深度学习框架会悄悄丢掉它们，nnsim 则拒绝这样的层。</translation>
    </message>
    <message>
      <source>Padding P</source>
      <translation>填充 P</translation>
    </message>
    <message>
      <source>Play / pause the sliding window</source>
      <translation>播放 / 暂停滑动窗口</translation>
    </message>
    <message>
      <source>Preset</source>
      <translation>预设</translation>
    </message>
    <message>
      <source>Products</source>
      <translation>逐项乘积</translation>
    </message>
    <message>
      <source>Random</source>
      <translation>随机</translation>
    </message>
    <message>
      <source>Random digit</source>
      <translation>随机数字</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Speed</source>
      <translation>速度</translation>
    </message>
    <message>
      <source>Stride S</source>
      <translation>步长 S</translation>
    </message>
    <message>
      <source>The lecture's 7</source>
      <translation>课件中的 7</translation>
    </message>
    <message>
      <source>The window does not fit</source>
      <translation>窗口放不下</translation>
    </message>
    <message>
      <source>The {0}-wide window is larger than the input ({1} wide with padding): {2}. There is no position where it fits. Use a smaller kernel or more padding.</source>
      <translation>宽 {0} 的窗口比输入（含填充宽 {1}）还大：{2}。它在任何位置都放不下。请用更小的卷积核或更多的填充。</translation>
    </message>
    <message>
      <source>blur (average)</source>
      <translation>模糊（平均）</translation>
    </message>
    <message>
      <source>does not fit</source>
      <translation>放不下</translation>
    </message>
    <message>
      <source>edge (Laplacian)</source>
      <translation>边缘（拉普拉斯）</translation>
    </message>
    <message>
      <source>height</source>
      <translation>高</translation>
    </message>
    <message>
      <source>horizontal edge (Sobel)</source>
      <translation>水平边缘（Sobel）</translation>
    </message>
    <message>
      <source>identity</source>
      <translation>恒等</translation>
    </message>
    <message>
      <source>output {0}×{1}</source>
      <translation>输出 {0}×{1}</translation>
    </message>
    <message>
      <source>padding {0}</source>
      <translation>填充 {0}</translation>
    </message>
    <message>
      <source>sharpen</source>
      <translation>锐化</translation>
    </message>
    <message>
      <source>stride {0}</source>
      <translation>步长 {0}</translation>
    </message>
    <message>
      <source>test image #{0}: digit {1}</source>
      <translation>测试图像 #{0}：数字 {1}</translation>
    </message>
    <message>
      <source>the sum of the {0} products</source>
      <translation>{0} 个乘积之和</translation>
    </message>
    <message>
      <source>vertical edge (Sobel)</source>
      <translation>竖直边缘（Sobel）</translation>
    </message>
    <message>
      <source>width</source>
      <translation>宽</translation>
    </message>
  </context>
  <context>
    <name>demos.exercise</name>
    <message>
      <source>1. Forward pass</source>
      <translation>1. 前向传播</translation>
    </message>
    <message>
      <source>2. Error</source>
      <translation>2. 误差</translation>
    </message>
    <message>
      <source>3. Gradient terms (backward)</source>
      <translation>3. 梯度项（反向传播）</translation>
    </message>
    <message>
      <source>4. New weights and thresholds</source>
      <translation>4. 新的权重和阈值</translation>
    </message>
    <message>
      <source>5. Forward pass again with the new weights</source>
      <translation>5. 用新权重再做一次前向传播</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>检查</translation>
    </message>
    <message>
      <source>Check all</source>
      <translation>全部检查</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>清空</translation>
    </message>
    <message>
      <source>Compute every value of one training step of the network in order: forward, error, gradient terms, the new weights, and the forward pass again with them. Type each number (3 significant digits) and press Enter: nnsim checks it against its own computation and shows the right value and its formula when it differs.</source>
      <translation>按顺序算出网络一步训练中的每个值：前向传播、误差、梯度项、新的权重，以及用新权重再做一次前向传播。输入每个数（3 位有效数字）后按回车：nnsim 会与自己的计算结果比对，答错时给出正确值和代入数字的公式。</translation>
    </message>
    <message>
      <source>Exercise: one step of back-propagation by hand</source>
      <translation>练习：手算一步误差逆传播</translation>
    </message>
    <message>
      <source>Exercise: one step of the perceptron rule by hand</source>
      <translation>练习：手算一步感知机学习规则</translation>
    </message>
    <message>
      <source>Compute every value of one step of the perceptron rule in order: the output ŷ, the difference y − ŷ, the new weights and threshold (changed only when the sample is misclassified), and the output again with them. Type each number (3 significant digits) and press Enter: nnsim checks it against its own computation and shows the right value and its formula when it differs.</source>
      <translation>按顺序算出感知机学习规则一步中的每个值：输出 ŷ、差 y − ŷ、新的权重和阈值（只有样本被分错时才改变），以及用新权重再算一次输出。输入每个数（3 位有效数字）后按回车：nnsim 会与自己的计算结果比对，答错时给出正确值和代入数字的公式。</translation>
    </message>
    <message>
      <source>3. New weights and threshold</source>
      <translation>3. 新的权重和阈值</translation>
    </message>
    <message>
      <source>4. Output again with the new weights</source>
      <translation>4. 用新权重再算一次输出</translation>
    </message>
    <message>
      <source>Input x = ({0}), target y = ({1}), learning rate η = {2}. The formulas use the {3} notation.</source>
      <translation>输入 x = ({0})，目标 y = ({1})，学习率 η = {2}。公式使用{3}记号。</translation>
    </message>
    <message>
      <source>Open the ReLU homework</source>
      <translation>打开 ReLU 作业</translation>
    </message>
    <message>
      <source>Open the ReLU homework or build a small dense network.</source>
      <translation>请打开 ReLU 作业，或搭建一个小的全连接网络。</translation>
    </message>
    <message>
      <source>Show the answers</source>
      <translation>显示答案</translation>
    </message>
    <message>
      <source>Start again from the open network</source>
      <translation>从当前网络重新开始</translation>
    </message>
    <message>
      <source>The error went from {0} to {1}: {2}</source>
      <translation>误差从 {0} 变为 {1}：{2}</translation>
    </message>
    <message>
      <source>This network cannot be an exercise: {0}</source>
      <translation>这个网络不能用作练习：{0}</translation>
    </message>
    <message>
      <source>answer</source>
      <translation>答案</translation>
    </message>
    <message>
      <source>book's</source>
      <translation>教材的</translation>
    </message>
    <message>
      <source>generic</source>
      <translation>通用</translation>
    </message>
    <message>
      <source>it did not fall.</source>
      <translation>误差没有下降。</translation>
    </message>
    <message>
      <source>it fell, the step worked.</source>
      <translation>误差下降了，这一步更新有效。</translation>
    </message>
    <message>
      <source>it has a layer “{0}”; an exercise steps dense layers only.</source>
      <translation>它含有“{0}”；练习只逐步计算全连接层。</translation>
    </message>
    <message>
      <source>its input is {0}; an exercise takes a flat input.</source>
      <translation>它的输入是 {0}；练习需要一维的输入。</translation>
    </message>
    <message>
      <source>not a number</source>
      <translation>不是数字</translation>
    </message>
    <message>
      <source>one step of this network has about {0} values; an exercise takes at most {1}.</source>
      <translation>这个网络一步大约有 {0} 个数值；练习最多 {1} 个。</translation>
    </message>
    <message>
      <source>right value</source>
      <translation>正确值</translation>
    </message>
    <message>
      <source>{0} of {1} right, {2} wrong</source>
      <translation>{1} 个中对了 {0} 个，错了 {2} 个</translation>
    </message>
  </context>
  <context>
    <name>demos.lessons</name>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Do it as an exercise</source>
      <translation>作为练习来做</translation>
    </message>
    <message>
      <source>Lecture topic {0}</source>
      <translation>对应课程第 {0} 节</translation>
    </message>
    <message>
      <source>Lessons</source>
      <translation>课程</translation>
    </message>
    <message>
      <source>Open lesson</source>
      <translation>打开课程</translation>
    </message>
    <message>
      <source>Opens on the network canvas: step it, train it, change its weights.</source>
      <translation>在网络画布中打开：可以单步执行、训练、修改权重。</translation>
    </message>
    <message>
      <source>Opens the CNN view: kernels, the sliding window, pooling and MNIST training.</source>
      <translation>打开卷积网络视图：卷积核、滑动窗口、池化和 MNIST 训练。</translation>
    </message>
    <message>
      <source>Opens the RNN view: the network unrolled over time, hidden states and BPTT.</source>
      <translation>打开循环网络视图：按时间展开的网络、隐状态和 BPTT。</translation>
    </message>
    <message>
      <source>Show this list every time nnsim starts</source>
      <translation>每次启动 nnsim 时都显示这个列表</translation>
    </message>
  </context>
  <context>
    <name>demos.pooling</name>
    <message>
      <source>A 2×2 window with stride 2 does not fit a {0}×{1} map: {2}.</source>
      <translation>2×2 窗口、步长 2 放不进 {0}×{1} 的特征图：{2}。</translation>
    </message>
    <message>
      <source>Average pooled</source>
      <translation>平均池化后</translation>
    </message>
    <message>
      <source>Average pooling</source>
      <translation>平均池化</translation>
    </message>
    <message>
      <source>Back to the lecture's numbers</source>
      <translation>恢复课件中的数字</translation>
    </message>
    <message>
      <source>Feature map</source>
      <translation>特征图</translation>
    </message>
    <message>
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <source>Max pooled</source>
      <translation>最大池化后</translation>
    </message>
    <message>
      <source>Max pooling</source>
      <translation>最大池化</translation>
    </message>
    <message>
      <source>Next window</source>
      <translation>下一个窗口</translation>
    </message>
    <message>
      <source>On a real feature map (from the Convolution tab)</source>
      <translation>作用在真实的特征图上（来自“卷积”页）</translation>
    </message>
    <message>
      <source>Output size {0} → {1}×{1}</source>
      <translation>输出尺寸 {0} → {1}×{1}</translation>
    </message>
    <message>
      <source>Output size {0}: the window does not fit</source>
      <translation>输出尺寸 {0}：窗口放不下</translation>
    </message>
    <message>
      <source>Previous window</source>
      <translation>上一个窗口</translation>
    </message>
    <message>
      <source>Stride</source>
      <translation>步长</translation>
    </message>
    <message>
      <source>The convolution's window does not fit: no feature map.</source>
      <translation>卷积窗口放不下：没有特征图。</translation>
    </message>
    <message>
      <source>The lecture's example</source>
      <translation>课件中的例子</translation>
    </message>
    <message>
      <source>Window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <source>max({0}) = {1}    ·    ({2})/{3} = {4}</source>
      <translation>max({0}) = {1}    ·    ({2})/{3} = {4}</translation>
    </message>
    <message>
      <source>window {0} of {1}</source>
      <translation>第 {0} 个窗口，共 {1} 个</translation>
    </message>
    <message>
      <source>{0}×{1} → {2}×{3}. Max pooling keeps the strongest answer of each window (edges stay sharp); average pooling smooths them.</source>
      <translation>{0}×{1} → {2}×{3}。最大池化保留每个窗口中最强的响应（边缘保持清晰）；平均池化则把它们抹平。</translation>
    </message>
  </context>
  <context>
    <name>demos.rnn</name>
    <message>
      <source>BPTT: gradient magnitude ‖∂E/∂h_t‖ per step</source>
      <translation>BPTT：每个时间步的梯度大小 ‖∂E/∂h_t‖</translation>
    </message>
    <message>
      <source>Demo</source>
      <translation>演示</translation>
    </message>
    <message>
      <source>Hidden state h_t over time (rows: units, columns: t)</source>
      <translation>隐状态 h_t 随时间的变化（行：隐单元，列：t）</translation>
    </message>
    <message>
      <source>Many-to-many: at every step the network reads x_t and predicts x_{t+1} of a noisy sine wave; the error enters at every step.</source>
      <translation>多对多：每一步读入带噪正弦波的 x_t 并预测 x_{t+1}；每一步都有误差进入。</translation>
    </message>
    <message>
      <source>Many-to-many: next value of a sine wave</source>
      <translation>多对多：预测正弦波的下一个值</translation>
    </message>
    <message>
      <source>Many-to-one: a whole bit string goes in, one answer comes out at the last step: is the number of ones odd? The error enters only at step T, so BPTT carries it back through every step.</source>
      <translation>多对一：输入整个比特串，最后一步给出一个答案：1 的个数是奇数吗？误差只在第 T 步进入，BPTT 把它逐步传回每一个时间步。</translation>
    </message>
    <message>
      <source>Many-to-one: parity of a bit string</source>
      <translation>多对一：比特串的奇偶性</translation>
    </message>
    <message>
      <source>New weights</source>
      <translation>重新初始化</translation>
    </message>
    <message>
      <source>One-to-many: generate text from one character</source>
      <translation>一对多：从一个字符生成文本</translation>
    </message>
    <message>
      <source>One-to-many: one input x₁ (the seed character); each sampled character y_t is fed back as the next input (dashed). Trained on windows of the fables, next character at every step.</source>
      <translation>一对多：只有一个输入 x₁（种子字符）；每一步采样出的字符 y_t 作为下一步的输入（虚线）。训练时在寓言文本的片段上逐步预测下一个字符。</translation>
    </message>
    <message>
      <source>Prediction beside the target</source>
      <translation>预测与目标对照</translation>
    </message>
    <message>
      <source>Steps T</source>
      <translation>时间步数 T</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>The RNN of the open lesson, trained on its data set.</source>
      <translation>当前课程中的 RNN，在该课的数据集上训练。</translation>
    </message>
    <message>
      <source>The network unrolled over time: h_t = f(x_t W_x + h_{t−1} W_h + b)</source>
      <translation>按时间展开的网络：h_t = f(x_t W_x + h_{t−1} W_h + b)</translation>
    </message>
    <message>
      <source>This lesson's network</source>
      <translation>本课的网络</translation>
    </message>
    <message>
      <source>This network cannot be shown here: {0}</source>
      <translation>这个网络无法在此显示：{0}</translation>
    </message>
    <message>
      <source>Train</source>
      <translation>训练</translation>
    </message>
    <message>
      <source>Training loss</source>
      <translation>训练误差</translation>
    </message>
    <message>
      <source>Training stopped with an error: {0}</source>
      <translation>训练因错误而停止：{0}</translation>
    </message>
    <message>
      <source>Updates</source>
      <translation>更新次数</translation>
    </message>
    <message>
      <source>bits</source>
      <translation>比特串</translation>
    </message>
    <message>
      <source>even</source>
      <translation>偶</translation>
    </message>
    <message>
      <source>generated</source>
      <translation>生成</translation>
    </message>
    <message>
      <source>generated letter pairs found in the fables</source>
      <translation>生成文本中在寓言里出现过的相邻字母对比例</translation>
    </message>
    <message>
      <source>green: the target</source>
      <translation>绿色：目标值</translation>
    </message>
    <message>
      <source>held-out MSE</source>
      <translation>留出集均方误差</translation>
    </message>
    <message>
      <source>held-out accuracy</source>
      <translation>留出集准确率</translation>
    </message>
    <message>
      <source>hidden unit</source>
      <translation>隐单元</translation>
    </message>
    <message>
      <source>input</source>
      <translation>输入</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>误差</translation>
    </message>
    <message>
      <source>odd</source>
      <translation>奇</translation>
    </message>
    <message>
      <source>predicted</source>
      <translation>预测</translation>
    </message>
    <message>
      <source>target</source>
      <translation>目标</translation>
    </message>
    <message>
      <source>target {0}</source>
      <translation>目标 {0}</translation>
    </message>
    <message>
      <source>the same weights W_x, W_h, W_y at every step</source>
      <translation>每个时间步使用同一组权重 W_x、W_h、W_y</translation>
    </message>
    <message>
      <source>update</source>
      <translation>更新次数</translation>
    </message>
    <message>
      <source>validation loss</source>
      <translation>验证误差</translation>
    </message>
    <message>
      <source>{0} updates · loss {1} · {2}: {3}</source>
      <translation>已更新 {0} 次 · 误差 {1} · {2}：{3}</translation>
    </message>
  </context>
  <context>
    <name>demos.training</name>
    <message>
      <source>8 feature maps (26×26) after ReLU</source>
      <translation>ReLU 之后的 8 张特征图（26×26）</translation>
    </message>
    <message>
      <source>8 kernels (3×3) of the convolution layer</source>
      <translation>卷积层的 8 个卷积核（3×3）</translation>
    </message>
    <message>
      <source>All of MNIST (60,000 + 10,000)</source>
      <translation>完整 MNIST（60,000 + 10,000）</translation>
    </message>
    <message>
      <source>Answer: {0} (probability {1})</source>
      <translation>回答：{0}（概率 {1}）</translation>
    </message>
    <message>
      <source>Appears when a training run ends.</source>
      <translation>训练结束后显示。</translation>
    </message>
    <message>
      <source>CNN: conv 8@3×3 → max-pool 2×2 → dense 10</source>
      <translation>CNN：卷积 8@3×3 → 最大池化 2×2 → 全连接 10</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Cancelled after {0} images.</source>
      <translation>训练了 {0} 张图像后已取消。</translation>
    </message>
    <message>
      <source>Cancelled after {0} images; test accuracy {1}.</source>
      <translation>训练了 {0} 张图像后已取消；测试准确率 {1}。</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <source>Confusion matrix (rows: true digit, columns: predicted)</source>
      <translation>混淆矩阵（行：真实数字，列：预测数字）</translation>
    </message>
    <message>
      <source>Epochs</source>
      <translation>轮数</translation>
    </message>
    <message>
      <source>Kernels and feature maps of one digit, and the network's answer</source>
      <translation>一个数字的卷积核与特征图，以及网络的回答</translation>
    </message>
    <message>
      <source>Loading MNIST and training on {0} images…</source>
      <translation>正在载入 MNIST 并在 {0} 张图像上训练…</translation>
    </message>
    <message>
      <source>Loss and test accuracy (blue: CNN, orange: MLP)</source>
      <translation>误差与测试准确率（蓝：CNN，橙：多层感知机）</translation>
    </message>
    <message>
      <source>MLP: 784 → 32 ReLU → 10</source>
      <translation>多层感知机：784 → 32 ReLU → 10</translation>
    </message>
    <message>
      <source>Misclassified test digits (click one to look at it)</source>
      <translation>被分错的测试数字（单击查看）</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Press Train: a small subset trains in seconds.</source>
      <translation>点击“训练”：小子集几秒钟就能训练完。</translation>
    </message>
    <message>
      <source>Test images</source>
      <translation>测试图像数</translation>
    </message>
    <message>
      <source>Train</source>
      <translation>训练</translation>
    </message>
    <message>
      <source>Train the network to see its answer.</source>
      <translation>训练网络后可看到它的回答。</translation>
    </message>
    <message>
      <source>Training images</source>
      <translation>训练图像数</translation>
    </message>
    <message>
      <source>Training stopped with an error: {0}</source>
      <translation>训练因错误而停止：{0}</translation>
    </message>
    <message>
      <source>after 2×2 max pooling (13×13)</source>
      <translation>2×2 最大池化之后（13×13）</translation>
    </message>
    <message>
      <source>digit</source>
      <translation>数字</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>误差</translation>
    </message>
    <message>
      <source>predicted</source>
      <translation>预测</translation>
    </message>
    <message>
      <source>probability</source>
      <translation>概率</translation>
    </message>
    <message>
      <source>test accuracy</source>
      <translation>测试准确率</translation>
    </message>
    <message>
      <source>the 32 hidden activations</source>
      <translation>32 个隐单元的激活值</translation>
    </message>
    <message>
      <source>training images seen</source>
      <translation>已训练的图像数</translation>
    </message>
    <message>
      <source>true</source>
      <translation>真实</translation>
    </message>
    <message>
      <source>weights of hidden units 1–8 (each a 28×28 image)</source>
      <translation>隐单元 1–8 的权重（每个是一张 28×28 的图）</translation>
    </message>
    <message>
      <source>{0} done in {1} s: test accuracy {2}.</source>
      <translation>{0} 训练完成，用时 {1} 秒：测试准确率 {2}。</translation>
    </message>
    <message>
      <source>{0} of {1} test digits misclassified ({2}).</source>
      <translation>{1} 个测试数字中有 {0} 个被分错（{2}）。</translation>
    </message>
    <message>
      <source>{0}: epoch {1}/{2} · batch {3}/{4} · loss {5} · accuracy {6} · {7} s</source>
      <translation>{0}：第 {1}/{2} 轮 · 第 {3}/{4} 批 · 误差 {5} · 准确率 {6} · {7} 秒</translation>
    </message>
    <message>
      <source>{0}: {1} of {2} right. Most frequent mistake: {3} read as {4} ({5} times).</source>
      <translation>{0}：{2} 个中对了 {1} 个。最常见的错误：把 {3} 认成 {4}（{5} 次）。</translation>
    </message>
  </context>
  <context>
    <name>demos.widgets</name>
    <message>
      <source>Copy picture</source>
      <translation>复制图片</translation>
    </message>
    <message>
      <source>View all</source>
      <translation>显示全部</translation>
    </message>
  </context>
</TS>
