//! Running the same SQL on Ballista: standalone (a scheduler and an executor in this process),
//! or on a cluster through its scheduler's URL.
//!
//! Ballista sends plans between scheduler and executors as protobuf. The `comtrade` table over
//! Comtrade files and its scan are this crate's own, so they travel through the codecs here
//! ([`ComtradeLogicalCodec`], [`ComtradePhysicalCodec`]), which hand every other node to
//! Ballista's own codecs. An executor of a real cluster must therefore be built with these
//! codecs (docs/scale.md shows how) and see the files at the same paths; the Parquet folders
//! of a conversion need no codec and run on stock executors.

use std::path::PathBuf;
use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use ballista::prelude::{SessionConfigExt, SessionContextExt};
use ballista_core::serde::{BallistaLogicalExtensionCodec, BallistaPhysicalExtensionCodec};
use datafusion::catalog::TableProvider;
use datafusion::common::TableReference;
use datafusion::datasource::file_format::FileFormatFactory;
use datafusion::error::{DataFusionError, Result as DfResult};
use datafusion::execution::TaskContext;
use datafusion::execution::session_state::SessionStateBuilder;
use datafusion::logical_expr::{Extension, LogicalPlan};
use datafusion::physical_plan::ExecutionPlan;
use datafusion::prelude::{SessionConfig, SessionContext};
use datafusion_proto::logical_plan::LogicalExtensionCodec;
use datafusion_proto::physical_plan::{PhysicalExtensionCodec, PhysicalProtoConverterExtension};
use serde::{Deserialize, Serialize};

use crate::context::{ComtradeSession, Inputs};
use crate::error::Result;
use crate::provider::{ComtradeScanExec, ComtradeTable, Piece, TableOptions};
use crate::pushdown::Pushdown;

/// The first byte of an encoded node: this crate's, or Ballista's own after it.
const OURS: u8 = b'D';
const THEIRS: u8 = 0;

#[derive(Serialize, Deserialize)]
struct TableMessage {
    files: Vec<PathBuf>,
    options: TableOptions,
}

#[derive(Serialize, Deserialize)]
struct ScanMessage {
    pieces: Vec<Vec<Piece>>,
    projection: Option<Vec<usize>>,
    pushdown: Pushdown,
    batch_size: usize,
    single_partition: bool,
}

fn json_error(e: &serde_json::Error) -> DataFusionError {
    DataFusionError::Internal(format!(
        "the Comtrade table's plan node does not decode: {e}"
    ))
}

/// Ballista's logical codec, plus the `comtrade` table over Comtrade files.
#[derive(Debug, Default)]
pub struct ComtradeLogicalCodec {
    inner: BallistaLogicalExtensionCodec,
}

impl LogicalExtensionCodec for ComtradeLogicalCodec {
    fn try_decode(
        &self,
        buf: &[u8],
        inputs: &[LogicalPlan],
        ctx: &TaskContext,
    ) -> DfResult<Extension> {
        self.inner.try_decode(buf, inputs, ctx)
    }

    fn try_encode(&self, node: &Extension, buf: &mut Vec<u8>) -> DfResult<()> {
        self.inner.try_encode(node, buf)
    }

    fn try_decode_table_provider(
        &self,
        buf: &[u8],
        table_ref: &TableReference,
        schema: SchemaRef,
        ctx: &TaskContext,
    ) -> DfResult<Arc<dyn TableProvider>> {
        match buf.split_first() {
            Some((&OURS, rest)) => {
                let m: TableMessage = serde_json::from_slice(rest).map_err(|e| json_error(&e))?;
                let table = ComtradeTable::try_new(m.files, m.options)
                    .map_err(crate::error::Error::into_datafusion)?;
                Ok(Arc::new(table))
            }
            Some((_, rest)) => self
                .inner
                .try_decode_table_provider(rest, table_ref, schema, ctx),
            None => Err(DataFusionError::Internal(
                "an empty table provider node".to_owned(),
            )),
        }
    }

    fn try_encode_table_provider(
        &self,
        table_ref: &TableReference,
        node: Arc<dyn TableProvider>,
        buf: &mut Vec<u8>,
    ) -> DfResult<()> {
        let any: &dyn std::any::Any = node.as_ref();
        if let Some(table) = any.downcast_ref::<ComtradeTable>() {
            buf.push(OURS);
            let m = TableMessage {
                files: table.files().to_vec(),
                options: table.options(),
            };
            serde_json::to_writer(buf, &m).map_err(|e| json_error(&e))
        } else {
            buf.push(THEIRS);
            self.inner.try_encode_table_provider(table_ref, node, buf)
        }
    }

    fn try_decode_file_format(
        &self,
        buf: &[u8],
        ctx: &TaskContext,
    ) -> DfResult<Arc<dyn FileFormatFactory>> {
        self.inner.try_decode_file_format(buf, ctx)
    }

    fn try_encode_file_format(
        &self,
        buf: &mut Vec<u8>,
        node: Arc<dyn FileFormatFactory>,
    ) -> DfResult<()> {
        self.inner.try_encode_file_format(buf, node)
    }
}

/// Ballista's physical codec, plus the scan of Comtrade files.
#[derive(Debug, Default)]
pub struct ComtradePhysicalCodec {
    inner: BallistaPhysicalExtensionCodec,
}

impl PhysicalExtensionCodec for ComtradePhysicalCodec {
    fn try_decode(
        &self,
        buf: &[u8],
        inputs: &[Arc<dyn ExecutionPlan>],
        ctx: &TaskContext,
        proto_converter: &dyn PhysicalProtoConverterExtension,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        match buf.split_first() {
            Some((&OURS, rest)) => {
                let m: ScanMessage = serde_json::from_slice(rest).map_err(|e| json_error(&e))?;
                Ok(Arc::new(
                    ComtradeScanExec::new(
                        m.pieces,
                        m.projection,
                        m.pushdown,
                        m.batch_size,
                        Arc::default(),
                    )
                    .with_single_partition(m.single_partition),
                ))
            }
            Some((_, rest)) => self.inner.try_decode(rest, inputs, ctx, proto_converter),
            None => Err(DataFusionError::Internal("an empty plan node".to_owned())),
        }
    }

    fn try_encode(
        &self,
        node: Arc<dyn ExecutionPlan>,
        buf: &mut Vec<u8>,
        proto_converter: &dyn PhysicalProtoConverterExtension,
    ) -> DfResult<()> {
        let any: &dyn std::any::Any = node.as_ref();
        if let Some(scan) = any.downcast_ref::<ComtradeScanExec>() {
            buf.push(OURS);
            let m = ScanMessage {
                pieces: scan.pieces().to_vec(),
                projection: scan.projection().map(<[usize]>::to_vec),
                pushdown: scan.pushdown().clone(),
                batch_size: scan.batch_size(),
                single_partition: scan.single_partition(),
            };
            serde_json::to_writer(buf, &m).map_err(|e| json_error(&e))
        } else {
            buf.push(THEIRS);
            self.inner.try_encode(node, buf, proto_converter)
        }
    }
}

/// A session configuration for Ballista with this crate's codecs.
pub fn ballista_config(config: SessionConfig) -> SessionConfig {
    config
        .upgrade_for_ballista()
        .with_ballista_logical_extension_codec(Arc::new(ComtradeLogicalCodec::default()))
        .with_ballista_physical_extension_codec(Arc::new(ComtradePhysicalCodec::default()))
}

/// A Ballista session with the inputs registered: standalone in this process when `scheduler`
/// is `None`, else connected to the scheduler at that URL (`df://host:50050`).
///
/// The scan of Comtrade files is one task ([`TableOptions::single_partition`] is set), reading
/// the files' pieces side by side on its executor; the stages after it, and scans of Parquet
/// folders (Ballista's own), are spread over the executors.
pub async fn session(
    inputs: &Inputs,
    options: TableOptions,
    config: SessionConfig,
    scheduler: Option<&str>,
) -> Result<ComtradeSession> {
    let options = TableOptions {
        single_partition: true,
        ..options
    };
    let state = SessionStateBuilder::new()
        .with_config(ballista_config(config))
        .with_default_features()
        .build();
    let ctx = match scheduler {
        None => SessionContext::standalone_with_state(state).await?,
        Some(url) => SessionContext::remote_with_state(url, state).await?,
    };
    ComtradeSession::register(ctx, inputs, options).await
}
