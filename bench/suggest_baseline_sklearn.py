# A cross-check of bench/suggestBaseline.ts with scikit-learn itself (optional; needs
# scikit-learn): the baseline, TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5)) and
# OneVsRestClassifier(LogisticRegression(C)), on the segments and folds that
# `node out/bench/suggestExperiments.js --export segments.json` writes, with the figures of
# `qda suggest --evaluate` (macroKappa over codes with support >= 5, microF1, top3Recall).
#   python3 bench/suggest_baseline_sklearn.py segments.json
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer


def figures(actual, predicted, top3):
    codes = sorted({c for a in actual for c in a})
    kappas, tp, fp, fn = [], 0, 0, 0
    for code in codes:
        a = sum(1 for x, p in zip(actual, predicted) if code in x and code in p)
        b = sum(1 for x, p in zip(actual, predicted) if code in x and code not in p)
        c = sum(1 for x, p in zip(actual, predicted) if code not in x and code in p)
        n = len(actual)
        po = (n - b - c) / n
        p1, p2 = (a + b) / n, (a + c) / n
        pe = p1 * p2 + (1 - p1) * (1 - p2)
        if a + b >= 5 and pe < 1:
            kappas.append((po - pe) / (1 - pe))
        tp, fp, fn = tp + a, fp + c, fn + b
    fp += sum(1 for p in predicted for code in p if code not in codes)
    found = sum(len(set(a) & set(t)) for a, t in zip(actual, top3))
    return {
        'macroKappa': round(float(np.mean(kappas)), 3) if kappas else None,
        'microF1': round(2 * tp / (2 * tp + fp + fn), 3) if tp + fp + fn else None,
        'top3Recall': round(found / sum(len(a) for a in actual), 3),
    }


def run(segments, c, balanced, at_least_one):
    folds = sorted({s['fold'] for s in segments})
    predicted, top3 = [None] * len(segments), [None] * len(segments)
    for k in folds:
        train = [i for i, s in enumerate(segments) if s['fold'] != k]
        test = [i for i, s in enumerate(segments) if s['fold'] == k]
        vectorizer = TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5))
        x = vectorizer.fit_transform([segments[i]['text'] for i in train])
        binarizer = MultiLabelBinarizer()
        y = binarizer.fit_transform([segments[i]['codes'] for i in train])
        keep = [j for j in range(y.shape[1]) if 0 < y[:, j].sum() < len(train)]
        model = OneVsRestClassifier(LogisticRegression(C=c, class_weight='balanced' if balanced else None, max_iter=1000))
        model.fit(x, y[:, keep])
        p = model.predict_proba(vectorizer.transform([segments[i]['text'] for i in test]))
        names = [binarizer.classes_[j] for j in keep]
        for row, i in enumerate(test):
            order = np.argsort(-p[row], kind='stable')
            chosen = [names[j] for j in range(len(names)) if p[row][j] >= 0.5]
            if at_least_one and not chosen and len(order):
                chosen = [names[order[0]]]
            predicted[i] = chosen
            top3[i] = [names[j] for j in order[:3]]
    return figures([s['codes'] for s in segments], predicted, top3)


studies = json.load(open(sys.argv[1]))
for name, study in studies.items():
    print(name, f"({len(study['segments'])} segments)")
    for c, balanced, at_least_one in [(1, False, False), (1, False, True), (10, False, False), (10, False, True), (10, True, False), (100, True, False), (100, True, True)]:
        print(f'  C={c} balanced={balanced} at_least_one={at_least_one}', run(study['segments'], c, balanced, at_least_one))
