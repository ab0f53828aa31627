//! A node's flows in the timesteps before this one, as pywr's `RollingMeanFlowNodeParameter`
//! keeps them.

/// The last `capacity` flows of a node, the oldest overwritten first, in pywr's order (its
/// `_memory`, written at a position that wraps around).
#[derive(Debug, Clone)]
pub(crate) struct FlowWindow {
    flows: Vec<f64>,
    capacity: usize,
    next: usize,
}

impl FlowWindow {
    /// An empty window of `capacity` (at least 1) flows.
    pub(crate) fn new(capacity: usize) -> Self {
        FlowWindow {
            flows: Vec::new(),
            capacity: capacity.max(1),
            next: 0,
        }
    }

    /// Forgets every flow (before a run).
    pub(crate) fn clear(&mut self) {
        self.flows.clear();
        self.next = 0;
    }

    /// Records a timestep's flow, overwriting the oldest once the window is full.
    pub(crate) fn push(&mut self, flow: f64) {
        if self.flows.len() < self.capacity {
            self.flows.push(flow);
        } else {
            self.flows[self.next] = flow;
        }
        self.next = (self.next + 1) % self.capacity;
    }

    /// The mean of the flows recorded (the last `capacity` at most); `None` before any.
    pub(crate) fn mean(&self) -> Option<f64> {
        (!self.flows.is_empty()).then(|| self.flows.iter().sum::<f64>() / self.flows.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_covers_the_last_flows_only() {
        let mut w = FlowWindow::new(3);
        assert_eq!(w.mean(), None);
        w.push(3.0);
        assert_eq!(w.mean(), Some(3.0));
        w.push(6.0);
        assert_eq!(w.mean(), Some(4.5));
        w.push(9.0);
        w.push(12.0);
        // 3 dropped: (6 + 9 + 12) / 3.
        assert_eq!(w.mean(), Some(9.0));
        w.clear();
        assert_eq!(w.mean(), None);
    }
}
