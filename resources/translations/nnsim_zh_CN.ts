<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="95"/>
        <source>The {0}-wide window is larger than the input ({1} wide with padding): {2}. There is no position where it fits. Use a smaller kernel or more padding.</source>
        <extracomment>Kernel presets (names as the engine-free keys; the combo box shows translations).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="104"/>
        <source>Output size {0} is not a whole number: the window does not fit. With stride {1} the {2}-wide window starts at columns {3}; the next start, column {4}, would need columns {4}–{5}, but the input ends at column {6}. The last {7} column(s) would never be covered completely: a framework would silently drop them. nnsim refuses the layer instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="120"/>
        <source>stride {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="120"/>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="122"/>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="122"/>
        <source>padding {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="124"/>
        <source>It fits with {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="124"/>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="469"/>
        <location filename="../../nnsim/gui/demos/pooling.py" line="146"/>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="470"/>
        <source>7×7 grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="470"/>
        <source>MNIST test digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="470"/>
        <source>Draw a digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="472"/>
        <source>The lecture&apos;s 7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="473"/>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="479"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="474"/>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="476"/>
        <source>Click or drag on the input to paint 1, right button for 0; double-click to type a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="478"/>
        <source>Random digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="480"/>
        <source>Draw with the left button, erase with the right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="481"/>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="809"/>
        <source>Kernel K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="482"/>
        <source>Double-click a weight to type a new value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="483"/>
        <source>Kernel size F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="484"/>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="485"/>
        <source>Stride S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="486"/>
        <source>Padding P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="488"/>
        <source>identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="489"/>
        <source>edge (Laplacian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="490"/>
        <source>vertical edge (Sobel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="491"/>
        <source>horizontal edge (Sobel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="492"/>
        <source>blur (average)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="493"/>
        <source>sharpen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="497"/>
        <source>Cross-correlation (what CNN layers compute)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="498"/>
        <source>Convolution (the kernel is flipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="499"/>
        <source>Output size (N − F + 2P)/S + 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="500"/>
        <source>The window does not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="501"/>
        <source>Input I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="502"/>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="503"/>
        <source>Feature map S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="504"/>
        <source>K as stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="505"/>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="506"/>
        <source>First position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="507"/>
        <source>One position back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="508"/>
        <source>Play / pause the sliding window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="509"/>
        <source>Next position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="510"/>
        <source>Compute every position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="775"/>
        <source>height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="775"/>
        <source>width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="787"/>
        <source>output {0}×{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="790"/>
        <source>does not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="802"/>
        <source>K flipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="804"/>
        <source>Convolution flips K by 180° before sliding it: K(m, n) → K(−m, −n).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="806"/>
        <source>Convolution: S(i,j) = Σ_m Σ_n I(i − m, j − n) K(m, n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="810"/>
        <source>Cross-correlation uses K as it is (no flip).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="812"/>
        <source>Cross-correlation: S(i,j) = Σ_m Σ_n I(i + m, j + n) K(m, n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="145"/>
        <source>The lecture&apos;s example</source>
        <extracomment>COURSE.md §11: pooling with a 2×2 window and stride 2 on this gives max [[6, 8], [3, 4]] and average [[3.25, 5.25], [2, 2]].</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="147"/>
        <source>Max pooling</source>
        <translation type="unfinished">最大池化</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="148"/>
        <source>Average pooling</source>
        <translation type="unfinished">平均池化</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="149"/>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="150"/>
        <source>Stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="151"/>
        <source>Back to the lecture&apos;s numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="152"/>
        <source>Previous window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="153"/>
        <source>Next window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="154"/>
        <source>On a real feature map (from the Convolution tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="155"/>
        <source>Feature map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="156"/>
        <source>Max pooled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="157"/>
        <source>Average pooled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="243"/>
        <source>CNN: conv 8@3×3 → max-pool 2×2 → dense 10</source>
        <extracomment>Colour of each model&apos;s curves. Feature maps / kernels shown per row.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="244"/>
        <source>MLP: 784 → 32 ReLU → 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="245"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="246"/>
        <source>Training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="247"/>
        <source>Test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="248"/>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="249"/>
        <source>All of MNIST (60,000 + 10,000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="193"/>
        <source>One-to-many: generate text from one character</source>
        <extracomment>The demos in the order the combo box lists them: (run kind, shape). Default T per demo and the allowed range.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="194"/>
        <source>Many-to-one: parity of a bit string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="195"/>
        <source>Many-to-many: next value of a sine wave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="196"/>
        <source>This lesson&apos;s network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="200"/>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="201"/>
        <source>Steps T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="202"/>
        <source>Updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="203"/>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="250"/>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="204"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="205"/>
        <source>New weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="206"/>
        <source>The network unrolled over time: h_t = f(x_t W_x + h_{t−1} W_h + b)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="207"/>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="208"/>
        <source>Hidden state h_t over time (rows: units, columns: t)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="209"/>
        <source>BPTT: gradient magnitude ‖∂E/∂h_t‖ per step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="210"/>
        <source>Prediction beside the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="212"/>
        <source>update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="213"/>
        <source>hidden unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="219"/>
        <source>the same weights W_x, W_h, W_y at every step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="220"/>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="453"/>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="461"/>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="466"/>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="254"/>
        <source>One-to-many: one input x₁ (the seed character); each sampled character y_t is fed back as the next input (dashed). Trained on windows of the fables, next character at every step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="257"/>
        <source>Many-to-one: a whole bit string goes in, one answer comes out at the last step: is the number of ones odd? The error enters only at step T, so BPTT carries it back through every step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="260"/>
        <source>Many-to-many: at every step the network reads x_t and predicts x_{t+1} of a noisy sine wave; the error enters at every step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="262"/>
        <source>The RNN of the open lesson, trained on its data set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="429"/>
        <source>held-out accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="430"/>
        <source>generated letter pairs found in the fables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="431"/>
        <source>validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="452"/>
        <source>input</source>
        <translation type="unfinished">输入层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="457"/>
        <source>generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="459"/>
        <source>odd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="459"/>
        <source>even</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="460"/>
        <source>bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="251"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="252"/>
        <source>Loss and test accuracy (blue: CNN, orange: MLP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="211"/>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="253"/>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="254"/>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="256"/>
        <source>training images seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="255"/>
        <source>test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="257"/>
        <source>Kernels and feature maps of one digit, and the network&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="258"/>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="259"/>
        <source>digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="260"/>
        <source>Confusion matrix (rows: true digit, columns: predicted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="261"/>
        <source>Misclassified test digits (click one to look at it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="454"/>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="463"/>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="467"/>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="262"/>
        <source>predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="262"/>
        <source>true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="265"/>
        <source>Press Train: a small subset trains in seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="266"/>
        <source>Appears when a training run ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="288"/>
        <source>8 kernels (3×3) of the convolution layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="289"/>
        <source>8 feature maps (26×26) after ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="290"/>
        <source>after 2×2 max pooling (13×13)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="294"/>
        <source>weights of hidden units 1–8 (each a 28×28 image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="295"/>
        <source>the 32 hidden activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="95"/>
        <location filename="../../nnsim/gui/training/install.py" line="192"/>
        <source>&amp;Training</source>
        <extracomment>name → (text, shortcut); texts are translated when shown. Buttons of the step-through panel, in order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="101"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="101"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="106"/>
        <source>Export the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/install.py" line="112"/>
        <source>Could not export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>ActivationExplorer</name>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="122"/>
        <source>Softmax at large logits: naive vs stable</source>
        <extracomment>The x range of the activation plot. The logits of the softmax demo are scale × these.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="123"/>
        <source>Logits × </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="126"/>
        <source>naive exp(x_i) / Σ exp(x_j)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="127"/>
        <source>stable: subtract max x first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="128"/>
        <source>naive log Σ exp(x_j)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="129"/>
        <source>stable: max x + log Σ exp(x_j − max x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/activation_explorer.py" line="133"/>
        <source>slope</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoundaryPlot</name>
    <message>
        <location filename="../../nnsim/gui/plots/boundary_plot.py" line="47"/>
        <source>Show test data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/boundary_plot.py" line="49"/>
        <source>Discretise output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/boundary_plot.py" line="97"/>
        <source>The decision boundary is drawn for networks on a 2-D input plane.</source>
        <extracomment>The last output grid drawn (G × G), for tests and exports.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CnnView</name>
    <message>
        <location filename="../../nnsim/gui/demos/cnn_view.py" line="54"/>
        <source>Convolution</source>
        <translation type="unfinished">卷积层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/cnn_view.py" line="55"/>
        <source>Pooling</source>
        <translation type="unfinished">池化层</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/cnn_view.py" line="56"/>
        <source>Training on MNIST</source>
        <translation type="unfinished"></translation>
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
    <name>ConvPanel</name>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="634"/>
        <source>test image #{0}: digit {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/conv_panel.py" line="765"/>
        <source>the sum of the {0} products</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Demos</name>
    <message>
        <location filename="../../nnsim/gui/demos/widgets.py" line="22"/>
        <source>English</source>
        <translation type="unfinished"></translation>
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
    <name>ErrorPlot</name>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="30"/>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="31"/>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="80"/>
        <source>error (loss)</source>
        <extracomment>Epoch of the early-stopping mark, or None.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="81"/>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="82"/>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="84"/>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="85"/>
        <source>test / validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/error_plot.py" line="90"/>
        <source>early stop: epoch {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormulaPanel</name>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="98"/>
        <source>Forward pass</source>
        <extracomment>Point sizes of the current formula and of the list, normal and in presentation mode.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="99"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="100"/>
        <source>Backward pass (error back-propagation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="101"/>
        <source>Weight update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="115"/>
        <source>Step through one training step with the buttons above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="118"/>
        <source>→ next neuron · Shift+→ next layer · ← / Shift+← back · U apply the update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="125"/>
        <source>Start of a pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="131"/>
        <source>sample {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="133"/>
        <source>batch of samples {0}–{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/formula.py" line="137"/>
        <source>step {0} of {1}</source>
        <translation type="unfinished"></translation>
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
        <location filename="../../nnsim/gui/main_window.py" line="160"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="172"/>
        <source>Palette</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="178"/>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="356"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="357"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="358"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="359"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="360"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="361"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="362"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="363"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="364"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="365"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="366"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="367"/>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="368"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="369"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="370"/>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="371"/>
        <source>&amp;Tidy layout</source>
        <translation>整理布局(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="372"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="373"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="374"/>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="375"/>
        <source>Show &amp;weights</source>
        <translation>显示权重(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="376"/>
        <source>Show &amp;thresholds θ instead of biases b</source>
        <translation>显示阈值 θ 而非偏置 b(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="377"/>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="378"/>
        <source>&amp;About nnsim</source>
        <translation>关于 nnsim(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="399"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="399"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="448"/>
        <source>Untitled network</source>
        <translation>未命名网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="454"/>
        <source>{0} layers · {1} parameters</source>
        <translation>{0} 层 · {1} 个参数</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="456"/>
        <source>not a standard MLP</source>
        <translation>非标准多层前馈网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="521"/>
        <source>Open network</source>
        <translation>打开网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="532"/>
        <source>Could not open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="534"/>
        <source>{0} could not be opened:

{1}

The current network is unchanged.</source>
        <translation>无法打开 {0}：

{1}

当前网络保持不变。</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="564"/>
        <source>There is no lesson {0}</source>
        <translation>没有名为 {0} 的课程</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="582"/>
        <source>Save network</source>
        <translation>保存网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="598"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="599"/>
        <source>The network was not saved:

{0}</source>
        <translation>网络未能保存：

{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="607"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="616"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="617"/>
        <source>The network has changes that are not saved. Save them?</source>
        <translation>网络有尚未保存的修改。是否保存？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="644"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="750"/>
        <source>About nnsim</source>
        <translation>关于 nnsim</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/main_window.py" line="752"/>
        <source>&lt;h3&gt;nnsim {0}&lt;/h3&gt;&lt;p&gt;A neural-network simulator for teaching: build a network, then step it through forward and backward passes number by number.&lt;/p&gt;&lt;p&gt;Chinese font: WenQuanYi Micro Hei (Apache-2.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;nnsim {0}&lt;/h3&gt;&lt;p&gt;用于教学的神经网络模拟器：搭建网络，然后逐个数字地单步执行前向传播与反向传播。&lt;/p&gt;&lt;p&gt;中文字体：文泉驿微米黑（Apache-2.0）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="70"/>
        <source>Restore the autosaved network?</source>
        <translation>恢复自动保存的网络？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="71"/>
        <source>nnsim did not close properly last time. A network autosaved at {0} can be restored. Restore it?</source>
        <translation>nnsim 上次没有正常关闭。可以恢复 {0} 自动保存的网络。是否恢复？</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/app.py" line="88"/>
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
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../../nnsim/gui/canvas/view.py" line="362"/>
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
    <name>PlotPanel</name>
    <message>
        <location filename="../../nnsim/gui/plots/base.py" line="100"/>
        <source>Export…</source>
        <extracomment>Tick label point size and line width factor, normal and in presentation mode.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/base.py" line="123"/>
        <source>Export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/base.py" line="128"/>
        <source>Could not export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoolingPanel</name>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="210"/>
        <source>Output size {0}: the window does not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="222"/>
        <source>Output size {0} → {1}×{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="250"/>
        <source>window {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="252"/>
        <source>max({0}) = {1}    ·    ({2})/{3} = {4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="264"/>
        <source>The convolution&apos;s window does not fit: no feature map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="275"/>
        <source>A 2×2 window with stride 2 does not fit a {0}×{1} map: {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/pooling.py" line="288"/>
        <source>{0}×{1} → {2}×{3}. Max pooling keeps the strongest answer of each window (edges stay sharp); average pooling smooths them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RnnView</name>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="317"/>
        <source>This network cannot be shown here: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="372"/>
        <source>Training stopped with an error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="418"/>
        <source>{0} updates · loss {1} · {2}: {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="428"/>
        <source>held-out MSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/rnn_view.py" line="505"/>
        <source>target {0}</source>
        <translation type="unfinished"></translation>
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
<context>
    <name>StepController</name>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="129"/>
        <source>This network cannot be trained yet.</source>
        <extracomment>Groupings offered by the buttons (Stepper.group_key).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="135"/>
        <source>The perceptron rule is not back-propagation: train it with One epoch or Play and watch its decision line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/stepping/controller.py" line="141"/>
        <source>Stepping needs a network with one input layer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="268"/>
        <source>Nothing to train.</source>
        <extracomment>Settings whose change means new data: the weights are reset. Settings whose change resets the weights (new initial weights from the seed). Settings a running training takes over in place (the history goes on). Settings that do not concern the trainer at all. Redraws per second at most. Frames drawn so far (the benchmark counts redraws with it). Write the weights into the document every this many frames while training. Widgets repainted inside the frame (so drawing never waits for the worker).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="358"/>
        <source>Training stopped with an error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="365"/>
        <source>Training diverged: the numbers became too large (inf or NaN), the learning rate is probably too high. The last finite weights were restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="371"/>
        <source>Early stopping: the validation error stopped improving; the weights of epoch {0} were restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="378"/>
        <source>The perceptron converged: every sample is classified correctly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="385"/>
        <source>The weights repeat: the perceptron rule cycles for ever because the data are not linearly separable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/controller.py" line="393"/>
        <source>Trained to epoch {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="349"/>
        <source>Loading MNIST and training on {0} images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="358"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="376"/>
        <source>{0}: epoch {1}/{2} · batch {3}/{4} · loss {5} · accuracy {6} · {7} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="394"/>
        <source>Cancelled after {0} images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="398"/>
        <source>Cancelled after {0} images; test accuracy {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="404"/>
        <source>{0} done in {1} s: test accuracy {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="414"/>
        <source>Training stopped with an error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="431"/>
        <source>{0}: {1} of {2} right. Most frequent mistake: {3} read as {4} ({5} times).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="441"/>
        <source>{0} of {1} test digits misclassified ({2}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="461"/>
        <source>Train the network to see its answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/demos/training_panel.py" line="475"/>
        <source>Answer: {0} (probability {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="130"/>
        <source>Run</source>
        <extracomment>Learning rates offered (Playground&apos;s list); any positive number can be typed. Regularisation rates offered (Playground&apos;s list). Speeds of the speed slider in epochs per second; 0 = as fast as possible. Feature names as the panel writes them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="168"/>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="169"/>
        <source>Training error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="170"/>
        <source>Test error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="171"/>
        <source>Test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="194"/>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="196"/>
        <source>Changing the data resets the weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="201"/>
        <source>Data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="208"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="211"/>
        <source>Noise (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="218"/>
        <source>Training share (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="224"/>
        <source>Data seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="235"/>
        <source>Input features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="240"/>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="245"/>
        <source>Changes apply at once and keep the weights. η and the batch size continue the history; the other settings start a new history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="253"/>
        <source>Learning rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="257"/>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="261"/>
        <source>Learning rate η</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="264"/>
        <source>Optimiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="267"/>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="270"/>
        <source>Regularisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="276"/>
        <source>Regularisation rate λ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="282"/>
        <source>on, patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="283"/>
        <source>Early stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="290"/>
        <source>Validation share (0: the test part)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="294"/>
        <source>Epochs per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="299"/>
        <source>Initial weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="301"/>
        <source>Changing these resets the weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="306"/>
        <source>Initialisation</source>
        <translation type="unfinished">初始化</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="310"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="390"/>
        <source>Change {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="451"/>
        <source>Change input features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="463"/>
        <source>The lesson&apos;s samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="506"/>
        <source>plain gradient descent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="506"/>
        <source>momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="506"/>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="512"/>
        <source>squared error ½Σ(y−ŷ)²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="513"/>
        <source>binary cross-entropy (sigmoid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="514"/>
        <source>cross-entropy (softmax)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="519"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="542"/>
        <source>perceptron rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="543"/>
        <source>standard BP (one sample per update)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="544"/>
        <source>accumulated BP (whole set per update)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="545"/>
        <source>mini-batch SGD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="550"/>
        <source>uniform in (0, 1), as the book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="551"/>
        <source>uniform in (−0.5, 0.5), as Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="552"/>
        <source>Xavier (Glorot)</source>
        <translation type="unfinished">Xavier（Glorot）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="553"/>
        <source>He</source>
        <translation type="unfinished">He（何恺明）</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="554"/>
        <source>all zero</source>
        <translation type="unfinished">全零</translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="562"/>
        <source>as fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="562"/>
        <source>{0} epochs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="615"/>
        <source>Time: no snapshots yet (train to record some)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="621"/>
        <source>Time: snapshot {0} of {1} (epoch {2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/training/panel.py" line="637"/>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeightPlot</name>
    <message>
        <location filename="../../nnsim/gui/plots/weight_plot.py" line="48"/>
        <source>epoch</source>
        <extracomment>Weights drawn when nothing is selected, at most (small networks: all of them). Flat parameter indices drawn, in curve order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../nnsim/gui/plots/weight_plot.py" line="49"/>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
