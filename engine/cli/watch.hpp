// `--bevaka` (`--watch`, docs/bevaka.md): run `check` or `assess` once, then
// again on every change of a file the run read or looked for, until Ctrl-C.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace malkoll {

struct Loaded;

// What one run did: its exit code as without --bevaka, its counts, every file
// it read or looked for (the next set to watch; a missing one is watched for
// its creation), and the status line's words after the time.
struct WatchRun {
    int code = 0;  // 2: the command line does not fit the file (said by the run)
    std::size_t errors = 0, warnings = 0;
    std::vector<std::string> inputs;
    std::string status;
};

// "kontrollerat: inga fel", "3 fel, 1 varning".
std::string check_status(const WatchRun& run);
// "rapport.html skriven (1 varning)", "2 fel; rapporten lämnades orörd".
// `earlier`: a report was at `output` before the run.
std::string assess_status(const WatchRun& run, const std::string& output, bool earlier);

// Adds to `files` every file a load of `rule` read or looked for: the rule
// file, its `utfall:` and `--data` files, a roll-up's nämnd files and theirs
// – also those that do not exist (yet). No duplicates.
void add_watched_inputs(std::vector<std::string>& files, const Loaded& l, const std::string& rule,
                        const std::vector<std::string>& data);

enum class WatchEvent { Changed, Stop, Failed };

// A file written without pause is still run kMaxDelay after its first change.
inline constexpr std::chrono::milliseconds kMaxDelay{2000};

// Where the loop learns of changes: inotify in the program, a script in tests.
class EventSource {
public:
    virtual ~EventSource() = default;
    // From now on, watch these files (replaces the earlier set). False and a
    // Swedish reason when they cannot be watched.
    virtual bool watch(const std::vector<std::string>& files, std::string& error) = 0;
    // Blocks until a watched file changed and `quiet` passed without another
    // change, or kMaxDelay passed since the first (Changed); until asked to
    // stop (Stop); Failed and a Swedish reason when it cannot wait.
    virtual WatchEvent next(std::chrono::milliseconds quiet, std::string& error) = 0;
};

// Linux inotify on the directories holding the files (editors replace a file
// by renaming a new one over it), filtered by name; Stop on SIGINT or SIGTERM
// (signalfd) or stop(). Construct and use it on one thread: it blocks SIGINT
// and SIGTERM on that thread while it lives.
class InotifyEventSource : public EventSource {
public:
    InotifyEventSource();
    ~InotifyEventSource() override;
    InotifyEventSource(const InotifyEventSource&) = delete;
    InotifyEventSource& operator=(const InotifyEventSource&) = delete;

    // False and a Swedish reason when inotify or the signal set-up failed.
    bool ready(std::string& error) const;
    bool watch(const std::vector<std::string>& files, std::string& error) override;
    WatchEvent next(std::chrono::milliseconds quiet, std::string& error) override;
    // From any thread: the current or the next next() returns Stop.
    void stop();

private:
    struct State;
    std::unique_ptr<State> s_;
};

struct WatchOptions {
    // One run after a burst of events: when this long passed without another.
    std::chrono::milliseconds quiet{150};
    // 0: until stopped. `--bevaka-högst N`, for tests (docs/arkitektur.md).
    std::size_t max_runs = 0;
    // The status line's time, "HH:MM:SS"; unset: local_clock.
    std::function<std::string()> clock;
};

// The local time as "HH:MM:SS".
std::string local_clock();

// Watches `first_inputs`, runs `run_once`, writes "TIME STATUS" to `status`,
// watches the run's inputs and waits for the next change, and again. Returns
// 0 on Stop; after max_runs runs, the last run's code; 1 when the inputs
// cannot be watched (said on `status`); 2 at once when the first run's code
// is 2 (a usage error, said by the run).
int watch_loop(const WatchOptions& options, const std::vector<std::string>& first_inputs,
               const std::function<WatchRun()>& run_once, EventSource& events, std::ostream& status);

// The program's loop: watch_loop over an InotifyEventSource, which Ctrl-C
// (SIGINT) or SIGTERM ends with 0.
int watch_command(const WatchOptions& options, const std::vector<std::string>& first_inputs,
                  const std::function<WatchRun()>& run_once, std::ostream& status);

}  // namespace malkoll
