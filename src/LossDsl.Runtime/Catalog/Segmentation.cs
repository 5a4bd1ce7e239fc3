using System;
using System.Numerics.Tensors;

namespace LossDsl;

public static partial class Losses
{
    /// <summary>Segmentation and box-regression losses: overlap measures (Dice, Tversky, IoU) between a prediction and
    /// a ground truth, taken over a whole mask or per box.</summary>
    public static partial class Segmentation
    {
        // ---------------------------------------------------------------- Dice (row 42)

        private const string DiceFormula = "1 - (2 * sum(p * t) + smooth) / (sum(p) + sum(t) + smooth)";

        /// <summary>Soft Dice loss over a whole (flattened) mask, seed 003's <c>DiceLoss</c>:
        /// 1 − (2·Σᵢ pᵢtᵢ + smooth) / (Σᵢ pᵢ + Σᵢ tᵢ + smooth).</summary>
        /// <param name="p">Predicted probabilities in [0, 1] (for example a sigmoid output), any shape flattened to one span.</param>
        /// <param name="t">Ground truth, one per prediction: 0/1 labels or soft targets in [0, 1].</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="smooth">Added to numerator and denominator; keeps an empty prediction of an empty mask at loss 0.</param>
        /// <returns>The Dice loss, one number for the whole mask (the sums run over every element: no per-sample mean).</returns>
        /// <remarks>Equivalent to seed 003's <c>DiceLoss(smooth)(pred, target)</c>, which flattens both tensors with
        /// <c>view(-1)</c>; PyTorch has no built-in Dice loss. An empty input gives 1 − smooth/smooth = 0.</remarks>
        [Loss(DiceFormula)]
        public static partial float Dice([Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float smooth = 1);

        /// <inheritdoc cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(DiceFormula)]
        public static partial float Dice([Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t, float smooth = 1);

        /// <inheritdoc cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(DiceFormula)]
        public static partial double Dice([Probabilities] ReadOnlySpan<double> p, ReadOnlySpan<double> t, double smooth = 1);

        /// <inheritdoc cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
        [Loss(DiceFormula)]
        public static partial double Dice([Probabilities] ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double smooth = 1);

        // ---------------------------------------------------------------- Tversky (row 44)

        private const string TverskyFormula =
            "tp = sum(p * t); fp = sum(p * (1 - t)); fn = sum((1 - p) * t); 1 - (tp + smooth) / (tp + alpha * fp + beta * fn + smooth)";

        /// <summary>Tversky loss over a whole (flattened) mask, seed 003's exercise: with TP = Σ pᵢtᵢ, FP = Σ pᵢ(1 − tᵢ),
        /// FN = Σ (1 − pᵢ)tᵢ, loss = 1 − (TP + smooth) / (TP + α·FP + β·FN + smooth).</summary>
        /// <param name="p">Predicted probabilities in [0, 1], any shape flattened to one span.</param>
        /// <param name="t">Ground truth, one per prediction: 0/1 labels or soft targets in [0, 1].</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="alpha">Weight of the false positives.</param>
        /// <param name="beta">Weight of the false negatives (β &gt; α penalises missed foreground more).</param>
        /// <param name="smooth">Added to numerator and denominator.</param>
        /// <returns>The Tversky loss, one number for the whole mask.</returns>
        /// <remarks>Seed 003's <c>TverskyLoss(alpha=0.5, beta=0.5, smooth=1.0)</c> (Salehi et al. 2017); with α = β = ½ it
        /// is <see cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/> with twice the smoothing
        /// (the Tversky index counts TP once where Dice counts it twice). PyTorch has no
        /// built-in equivalent.</remarks>
        [Loss(TverskyFormula)]
        public static partial float Tversky([Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float alpha = 0.5f, float beta = 0.5f, float smooth = 1);

        /// <inheritdoc cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, float)"/>
        [Loss(TverskyFormula)]
        public static partial float Tversky([Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t, float alpha = 0.5f, float beta = 0.5f, float smooth = 1);

        /// <inheritdoc cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, float)"/>
        [Loss(TverskyFormula)]
        public static partial double Tversky([Probabilities] ReadOnlySpan<double> p, ReadOnlySpan<double> t, double alpha = 0.5, double beta = 0.5, double smooth = 1);

        /// <inheritdoc cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, float)"/>
        [Loss(TverskyFormula)]
        public static partial double Tversky([Probabilities] ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double alpha = 0.5, double beta = 0.5, double smooth = 1);

        // ---------------------------------------------------------------- FocalTversky (row 45)

        private const string FocalTverskyFormula =
            "tp = sum(p * t); fp = sum(p * (1 - t)); fn = sum((1 - p) * t); (1 - (tp + smooth) / (tp + alpha * fp + beta * fn + smooth))^gamma";

        /// <summary>Focal Tversky loss (Abraham &amp; Khan 2019) over a whole (flattened) mask: (1 − TI)^γ with the
        /// Tversky index TI = (TP + smooth) / (TP + α·FP + β·FN + smooth), TP = Σ pᵢtᵢ, FP = Σ pᵢ(1 − tᵢ), FN = Σ (1 − pᵢ)tᵢ.</summary>
        /// <param name="p">Predicted probabilities in [0, 1], any shape flattened to one span.</param>
        /// <param name="t">Ground truth, one per prediction: 0/1 labels or soft targets in [0, 1].</param>
        /// <param name="dp">Receives ∂loss/∂p.</param>
        /// <param name="alpha">Weight of the false positives (the paper's β = 0.3).</param>
        /// <param name="beta">Weight of the false negatives (the paper's α = 0.7).</param>
        /// <param name="gamma">The exponent applied to 1 − TI (the paper's 1/γ with γ = 4/3, so 0.75).</param>
        /// <param name="smooth">Added to numerator and denominator of the index.</param>
        /// <returns>The focal Tversky loss, one number for the whole mask.</returns>
        /// <remarks>Same α (false positives) / β (false negatives) convention as
        /// <see cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, float)"/>; the defaults
        /// are the paper's (which names the false-negative weight α). With γ = 1 it is the Tversky loss. For γ &lt; 1 the
        /// gradient is infinite where the prediction is perfect (TI = 1), as the paper's definition implies. PyTorch has
        /// no built-in equivalent.</remarks>
        [Loss(FocalTverskyFormula)]
        public static partial float FocalTversky([Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t, Span<float> dp, float alpha = 0.3f, float beta = 0.7f, float gamma = 0.75f, float smooth = 1);

        /// <inheritdoc cref="FocalTversky(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, float, float)"/>
        [Loss(FocalTverskyFormula)]
        public static partial float FocalTversky([Probabilities] ReadOnlySpan<float> p, ReadOnlySpan<float> t, float alpha = 0.3f, float beta = 0.7f, float gamma = 0.75f, float smooth = 1);

        /// <inheritdoc cref="FocalTversky(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, float, float)"/>
        [Loss(FocalTverskyFormula)]
        public static partial double FocalTversky([Probabilities] ReadOnlySpan<double> p, ReadOnlySpan<double> t, double alpha = 0.3, double beta = 0.7, double gamma = 0.75, double smooth = 1);

        /// <inheritdoc cref="FocalTversky(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, float, float)"/>
        [Loss(FocalTverskyFormula)]
        public static partial double FocalTversky([Probabilities] ReadOnlySpan<double> p, ReadOnlySpan<double> t, Span<double> dp, double alpha = 0.3, double beta = 0.7, double gamma = 0.75, double smooth = 1);

        // ---------------------------------------------------------------- MultiClassDice (row 43)

        private const string MultiClassDiceFormula =
            "p = softmax(x); t = onehot(y); inter = col_sum(p * t); union = col_sum(p) + col_sum(t); mean(1 - (2 * inter + smooth) / (union + smooth))";

        /// <summary>Multi-class soft Dice loss from logits, seed 003's <c>MultiClassDiceLoss</c>: with P = softmax(x) over
        /// the class axis and T = onehot(y), the mean over the C classes of 1 − (2·Σ P·T + smooth) / (Σ P + Σ T + smooth),
        /// each sum over every sample and position of that class.</summary>
        /// <param name="x">Logits of shape (N, C) or (N, C, d₁, …, dₖ), class axis 1 (PyTorch's layout).</param>
        /// <param name="y">The class index in [0, C) of each sample/position, N·d₁·…·dₖ values in the row-major order of (N, d₁, …, dₖ).</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="smooth">Added to numerator and denominator of each class's Dice coefficient.</param>
        /// <returns>The mean over classes of the per-class Dice losses.</returns>
        /// <remarks>Equivalent to seed 003's <c>MultiClassDiceLoss(smooth)(x, y)</c> (softmax over dim 1, one-hot target,
        /// a class absent from both prediction and target scores Dice 1 only through <paramref name="smooth"/>). A class
        /// index outside [0, C) throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="y"/>.</remarks>
        [Loss(MultiClassDiceFormula)]
        public static partial float MultiClassDice([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, float smooth = 1);

        /// <inheritdoc cref="MultiClassDice(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(MultiClassDiceFormula)]
        public static partial float MultiClassDice([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, float smooth = 1);

        /// <inheritdoc cref="MultiClassDice(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(MultiClassDiceFormula)]
        public static partial double MultiClassDice([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, double smooth = 1);

        /// <inheritdoc cref="MultiClassDice(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        [Loss(MultiClassDiceFormula)]
        public static partial double MultiClassDice([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, double smooth = 1);

        // ---------------------------------------------------------------- CrossEntropyDice (row 48)

        private const string CrossEntropyDiceFormula =
            "p = softmax(x); t = onehot(y); inter = col_sum(p * t); union = col_sum(p) + col_sum(t); " +
            "ce_weight * mean(logsumexp(x) - x[y]) + dice_weight * mean(1 - (2 * inter + smooth) / (union + smooth))";

        /// <summary>Cross-entropy plus multi-class Dice from logits, seed 003's <c>CombinedLoss</c>:
        /// ce_weight · mean(−log softmax(x)[y]) + dice_weight · MultiClassDice(x, y).</summary>
        /// <param name="x">Logits of shape (N, C) or (N, C, d₁, …, dₖ), class axis 1.</param>
        /// <param name="y">The class index in [0, C) of each sample/position, N·d₁·…·dₖ values.</param>
        /// <param name="dx">Receives ∂loss/∂x, the shape of <paramref name="x"/>.</param>
        /// <param name="ce_weight">Weight of the cross-entropy term.</param>
        /// <param name="dice_weight">Weight of the Dice term.</param>
        /// <param name="smooth">The Dice term's smoothing constant.</param>
        /// <returns>The weighted sum of the two losses.</returns>
        /// <remarks>Equivalent to seed 003's <c>CombinedLoss(ce_weight, dice_weight)</c>, whose cross-entropy is
        /// <c>nn.CrossEntropyLoss()</c> with its defaults (mean over every sample and position, no class weights, no
        /// ignored index) and whose Dice term is
        /// <see cref="MultiClassDice(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float)"/>.</remarks>
        [Loss(CrossEntropyDiceFormula)]
        public static partial float CrossEntropyDice([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<float> dx, float ce_weight = 0.5f, float dice_weight = 0.5f, float smooth = 1);

        /// <inheritdoc cref="CrossEntropyDice(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float, float, float)"/>
        [Loss(CrossEntropyDiceFormula)]
        public static partial float CrossEntropyDice([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<float> x, [ClassIndices] ReadOnlySpan<int> y, float ce_weight = 0.5f, float dice_weight = 0.5f, float smooth = 1);

        /// <inheritdoc cref="CrossEntropyDice(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float, float, float)"/>
        [Loss(CrossEntropyDiceFormula)]
        public static partial double CrossEntropyDice([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, double ce_weight = 0.5, double dice_weight = 0.5, double smooth = 1);

        /// <inheritdoc cref="CrossEntropyDice(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{int}, System.Numerics.Tensors.TensorSpan{float}, float, float, float)"/>
        [Loss(CrossEntropyDiceFormula)]
        public static partial double CrossEntropyDice([Logits(Activation = LogitsActivation.Softmax)] ReadOnlyTensorSpan<double> x, [ClassIndices] ReadOnlySpan<int> y, TensorSpan<double> dx, double ce_weight = 0.5, double dice_weight = 0.5, double smooth = 1);
        // ---------------------------------------------------------------- IoU (row 46)

        private const string IoUFormula =
            "inter = relu(min(boxes1[2], boxes2[2]) - max(boxes1[0], boxes2[0])) * relu(min(boxes1[3], boxes2[3]) - max(boxes1[1], boxes2[1])); " +
            "union = (boxes1[2] - boxes1[0]) * (boxes1[3] - boxes1[1]) + (boxes2[2] - boxes2[0]) * (boxes2[3] - boxes2[1]) - inter; " +
            "1 - mean(inter / (union + 1e-6))";

        /// <summary>IoU loss of box pairs, seed 003's <c>iou_loss</c>: 1 − meanᵢ Iᵢ / (Uᵢ + 10⁻⁶), with Iᵢ the area of the
        /// intersection of box pair i (clamped at 0) and Uᵢ the area of the union.</summary>
        /// <param name="boxes1">Predicted boxes, shape (N, 4), each row (x1, y1, x2, y2) with x1 ≤ x2 and y1 ≤ y2.</param>
        /// <param name="boxes2">Target boxes, shape (N, 4), paired row by row with <paramref name="boxes1"/>.</param>
        /// <param name="dboxes1">Receives ∂loss/∂boxes1, shape (N, 4).</param>
        /// <param name="dboxes2">Receives ∂loss/∂boxes2, shape (N, 4).</param>
        /// <returns>1 − the mean IoU over the N pairs (NaN for N = 0, as the seed's <c>iou.mean()</c>).</returns>
        /// <remarks>Seed 003's <c>iou_loss(pred_boxes, target_boxes)</c> with its ε = 10⁻⁶ added to the union. The
        /// intersection's sides are clamped with <c>relu</c>, whose gradient at exactly 0 (boxes that just touch) is 0
        /// where the seed's <c>torch.clamp(min=0)</c> passes it. Columns after the fourth are not read; fewer than four
        /// columns throw <see cref="ArgumentOutOfRangeException"/>. For torchvision's form see
        /// <see cref="GeneralizedIoU(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>.</remarks>
        [Loss(IoUFormula)]
        public static partial float IoU(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, TensorSpan<float> dboxes1, TensorSpan<float> dboxes2);

        /// <inheritdoc cref="IoU(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(IoUFormula)]
        public static partial float IoU(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2);

        /// <inheritdoc cref="IoU(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(IoUFormula)]
        public static partial double IoU(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2);

        /// <inheritdoc cref="IoU(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float})"/>
        [Loss(IoUFormula)]
        public static partial double IoU(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, TensorSpan<double> dboxes1, TensorSpan<double> dboxes2);

        // ---------------------------------------------------------------- GeneralizedIoU (row 47)

        private const string GeneralizedIoUFormula =
            "xi1 = max(boxes1[0], boxes2[0]); yi1 = max(boxes1[1], boxes2[1]); xi2 = min(boxes1[2], boxes2[2]); yi2 = min(boxes1[3], boxes2[3]); " +
            "inter = where(xi2 > xi1 & yi2 > yi1, (xi2 - xi1) * (yi2 - yi1), 0); " +
            "union = (boxes1[2] - boxes1[0]) * (boxes1[3] - boxes1[1]) + (boxes2[2] - boxes2[0]) * (boxes2[3] - boxes2[1]) - inter; " +
            "area_c = (max(boxes1[2], boxes2[2]) - min(boxes1[0], boxes2[0])) * (max(boxes1[3], boxes2[3]) - min(boxes1[1], boxes2[1])); " +
            "reduce(1 - (inter / (union + eps) - (area_c - union) / (area_c + eps)))";

        /// <summary>Generalized IoU loss of box pairs, torchvision's <c>generalized_box_iou_loss</c>: for pair i,
        /// ℓᵢ = 1 − (Iᵢ / (Uᵢ + ε) − (Cᵢ − Uᵢ) / (Cᵢ + ε)), with Iᵢ the intersection area, Uᵢ the union area and Cᵢ the
        /// area of the smallest box enclosing both.</summary>
        /// <param name="boxes1">First boxes (predictions), shape (N, 4), each row (x1, y1, x2, y2) with x1 ≤ x2 and y1 ≤ y2.</param>
        /// <param name="boxes2">Second boxes (targets), shape (N, 4), paired row by row with <paramref name="boxes1"/>.</param>
        /// <param name="dboxes1">Receives ∂loss/∂boxes1, shape (N, 4).</param>
        /// <param name="dboxes2">Receives ∂loss/∂boxes2, shape (N, 4).</param>
        /// <param name="eps">Added to the union and to the enclosing area (torchvision's default 10⁻⁷).</param>
        /// <param name="reduction">Mean (default; 0 for N = 0, as torchvision), sum, or the sum over N (the same as the mean here).</param>
        /// <returns>The reduced loss.</returns>
        /// <remarks>Equivalent to <c>torchvision.ops.generalized_box_iou_loss(boxes1, boxes2, reduction, eps)</c>,
        /// including its intersection (0 unless the boxes overlap with positive width and height) and its empty-input
        /// mean of 0. Boxes that are not of shape (N, 4) throw <see cref="ArgumentException"/> naming the argument.</remarks>
        public static float GeneralizedIoU(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, TensorSpan<float> dboxes1, TensorSpan<float> dboxes2, float eps = 1e-7f, Reduction reduction = Reduction.Mean)
        {
            CheckBoxes(boxes1.Lengths, nameof(boxes1));
            CheckBoxes(boxes2.Lengths, nameof(boxes2));
            return boxes1.Lengths[0] == 0 && reduction == Reduction.Mean ? 0 : GeneralizedIoUCore(boxes1, boxes2, dboxes1, dboxes2, eps, reduction);
        }

        /// <inheritdoc cref="GeneralizedIoU(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static float GeneralizedIoU(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, float eps = 1e-7f, Reduction reduction = Reduction.Mean)
        {
            CheckBoxes(boxes1.Lengths, nameof(boxes1));
            CheckBoxes(boxes2.Lengths, nameof(boxes2));
            return boxes1.Lengths[0] == 0 && reduction == Reduction.Mean ? 0 : GeneralizedIoUCore(boxes1, boxes2, eps, reduction);
        }

        /// <inheritdoc cref="GeneralizedIoU(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static double GeneralizedIoU(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, double eps = 1e-7, Reduction reduction = Reduction.Mean)
        {
            CheckBoxes(boxes1.Lengths, nameof(boxes1));
            CheckBoxes(boxes2.Lengths, nameof(boxes2));
            return boxes1.Lengths[0] == 0 && reduction == Reduction.Mean ? 0 : GeneralizedIoUCore(boxes1, boxes2, eps, reduction);
        }

        /// <inheritdoc cref="GeneralizedIoU(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        public static double GeneralizedIoU(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, TensorSpan<double> dboxes1, TensorSpan<double> dboxes2, double eps = 1e-7, Reduction reduction = Reduction.Mean)
        {
            CheckBoxes(boxes1.Lengths, nameof(boxes1));
            CheckBoxes(boxes2.Lengths, nameof(boxes2));
            return boxes1.Lengths[0] == 0 && reduction == Reduction.Mean ? 0 : GeneralizedIoUCore(boxes1, boxes2, dboxes1, dboxes2, eps, reduction);
        }

        /// <summary>Per-pair <see cref="GeneralizedIoU(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float, Reduction)"/>
        /// (torchvision's <c>reduction='none'</c>): writes lossᵢ = 1 − GIoUᵢ.</summary>
        /// <param name="boxes1">First boxes, shape (N, 4), rows (x1, y1, x2, y2).</param>
        /// <param name="boxes2">Second boxes, shape (N, 4).</param>
        /// <param name="loss">Receives one loss per pair (N values).</param>
        /// <param name="eps">Added to the union and to the enclosing area.</param>
        public static void GeneralizedIoUUnreduced(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, Span<float> loss, float eps = 1e-7f)
        {
            CheckBoxes(boxes1.Lengths, nameof(boxes1));
            CheckBoxes(boxes2.Lengths, nameof(boxes2));
            GeneralizedIoUUnreducedCore(boxes1, boxes2, loss, eps);
        }

        /// <summary>The backward pass of <see cref="GeneralizedIoUUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float)"/>:
        /// the vector-Jacobian products dboxesₖ = Σᵢ dlossᵢ · ∂lossᵢ/∂boxesₖ.</summary>
        /// <param name="boxes1">First boxes, shape (N, 4), rows (x1, y1, x2, y2).</param>
        /// <param name="boxes2">Second boxes, shape (N, 4).</param>
        /// <param name="dloss">The upstream gradient, one per pair.</param>
        /// <param name="dboxes1">Receives the vector-Jacobian product with respect to <paramref name="boxes1"/>.</param>
        /// <param name="dboxes2">Receives the vector-Jacobian product with respect to <paramref name="boxes2"/>.</param>
        /// <param name="eps">Added to the union and to the enclosing area.</param>
        public static void GeneralizedIoUUnreduced(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, ReadOnlySpan<float> dloss, TensorSpan<float> dboxes1, TensorSpan<float> dboxes2, float eps = 1e-7f)
        {
            CheckBoxes(boxes1.Lengths, nameof(boxes1));
            CheckBoxes(boxes2.Lengths, nameof(boxes2));
            GeneralizedIoUUnreducedCore(boxes1, boxes2, dloss, dboxes1, dboxes2, eps);
        }

        /// <inheritdoc cref="GeneralizedIoUUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, Span{float}, float)"/>
        public static void GeneralizedIoUUnreduced(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, Span<double> loss, double eps = 1e-7)
        {
            CheckBoxes(boxes1.Lengths, nameof(boxes1));
            CheckBoxes(boxes2.Lengths, nameof(boxes2));
            GeneralizedIoUUnreducedCore(boxes1, boxes2, loss, eps);
        }

        /// <inheritdoc cref="GeneralizedIoUUnreduced(System.Numerics.Tensors.ReadOnlyTensorSpan{float}, System.Numerics.Tensors.ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, System.Numerics.Tensors.TensorSpan{float}, System.Numerics.Tensors.TensorSpan{float}, float)"/>
        public static void GeneralizedIoUUnreduced(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, ReadOnlySpan<double> dloss, TensorSpan<double> dboxes1, TensorSpan<double> dboxes2, double eps = 1e-7)
        {
            CheckBoxes(boxes1.Lengths, nameof(boxes1));
            CheckBoxes(boxes2.Lengths, nameof(boxes2));
            GeneralizedIoUUnreducedCore(boxes1, boxes2, dloss, dboxes1, dboxes2, eps);
        }

        private static void CheckBoxes(ReadOnlySpan<nint> lengths, string name)
        {
            if (lengths.Length != 2 || lengths[1] != 4)
            {
                throw new ArgumentException($"'{name}' must have shape (N, 4): one box (x1, y1, x2, y2) per row.", name);
            }
        }

        [Loss(GeneralizedIoUFormula)]
        private static partial float GeneralizedIoUCore(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, TensorSpan<float> dboxes1, TensorSpan<float> dboxes2, float eps, Reduction reduction);

        [Loss(GeneralizedIoUFormula)]
        private static partial float GeneralizedIoUCore(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, float eps, Reduction reduction);

        [Loss(GeneralizedIoUFormula)]
        private static partial double GeneralizedIoUCore(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, double eps, Reduction reduction);

        [Loss(GeneralizedIoUFormula)]
        private static partial double GeneralizedIoUCore(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, TensorSpan<double> dboxes1, TensorSpan<double> dboxes2, double eps, Reduction reduction);

        [Loss(GeneralizedIoUFormula)]
        private static partial void GeneralizedIoUUnreducedCore(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, Span<float> loss, float eps);

        [Loss(GeneralizedIoUFormula)]
        private static partial void GeneralizedIoUUnreducedCore(ReadOnlyTensorSpan<float> boxes1, ReadOnlyTensorSpan<float> boxes2, ReadOnlySpan<float> dloss, TensorSpan<float> dboxes1, TensorSpan<float> dboxes2, float eps);

        [Loss(GeneralizedIoUFormula)]
        private static partial void GeneralizedIoUUnreducedCore(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, Span<double> loss, double eps);

        [Loss(GeneralizedIoUFormula)]
        private static partial void GeneralizedIoUUnreducedCore(ReadOnlyTensorSpan<double> boxes1, ReadOnlyTensorSpan<double> boxes2, ReadOnlySpan<double> dloss, TensorSpan<double> dboxes1, TensorSpan<double> dboxes2, double eps);
    }
}
