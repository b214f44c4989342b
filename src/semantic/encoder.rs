//! all-MiniLM-L6-v2 on the CPU: candle-transformers' BERT, mean pooling over the attention
//! mask, unit length (the sentence-transformers recipe of the model's `1_Pooling` and
//! `2_Normalize` modules).

use super::{Embed, Error, FILES};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use std::path::Path;
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// Longest input the model was trained on (sentence-transformers' `max_seq_length`).
const MAX_TOKENS: usize = 256;
/// Sentences per forward pass.
const BATCH: usize = 32;

pub(super) struct Encoder {
    bert: BertModel,
    tokenizer: Tokenizer,
}

fn load_err(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::Load(dir.display().to_string(), e.to_string())
}

impl Encoder {
    pub(super) fn load(dir: &Path) -> Result<Self, Error> {
        let read = |f: &str| {
            let p = dir.join(f);
            std::fs::read(&p).map_err(|e| Error::Io(p.display().to_string(), e))
        };
        let config: Config =
            serde_json::from_slice(&read(FILES[2].0)?).map_err(|e| load_err(dir, e))?;
        let mut tokenizer =
            Tokenizer::from_bytes(read(FILES[1].0)?).map_err(|e| load_err(dir, e))?;
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            ..Default::default()
        }));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|e| load_err(dir, e))?;
        let vb = VarBuilder::from_buffered_safetensors(read(FILES[0].0)?, DType::F32, &Device::Cpu)
            .map_err(|e| load_err(dir, e))?;
        let bert = BertModel::load(vb, &config).map_err(|e| load_err(dir, e))?;
        Ok(Encoder { bert, tokenizer })
    }

    fn batch(&self, sentences: &[&str]) -> candle_core::Result<Vec<Vec<f32>>> {
        let enc = self
            .tokenizer
            .encode_batch(sentences.to_vec(), true)
            .map_err(candle_core::Error::wrap)?;
        let dev = &Device::Cpu;
        let ids: Vec<Tensor> = enc
            .iter()
            .map(|e| Tensor::new(e.get_ids(), dev))
            .collect::<candle_core::Result<_>>()?;
        let mask: Vec<Tensor> = enc
            .iter()
            .map(|e| Tensor::new(e.get_attention_mask(), dev))
            .collect::<candle_core::Result<_>>()?;
        let ids = Tensor::stack(&ids, 0)?;
        let mask = Tensor::stack(&mask, 0)?;
        let types = ids.zeros_like()?;
        let out = self.bert.forward(&ids, &types, Some(&mask))?;
        // mean over the real tokens
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = out.broadcast_mul(&m)?.sum(1)?;
        let counts = m.sum(1)?;
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
        mean.broadcast_div(&norm)?.to_vec2::<f32>()
    }
}

impl Embed for Encoder {
    fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, Error> {
        // batches of sentences of similar length pad less; the result is in input order
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        order.sort_by_key(|&i| (sentences[i].len(), i));
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); sentences.len()];
        for chunk in order.chunks(BATCH) {
            let texts: Vec<&str> = chunk.iter().map(|&i| sentences[i]).collect();
            let vs = self
                .batch(&texts)
                .map_err(|e| Error::Load("model".into(), e.to_string()))?;
            for (&i, v) in chunk.iter().zip(vs) {
                out[i] = v;
            }
        }
        Ok(out)
    }
}
