// Command jiaoyan is the whole platform in one binary: the web server, the
// database tools, and the planning and exam-analysis engines.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"jiaoyan/internal/plan"
	"jiaoyan/internal/quality/analysis"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `jiaoyan 教研平台

用法:
  jiaoyan serve   [--addr 127.0.0.1:8080] [--db sqlite:./jiaoyan.db]   启动网站
  jiaoyan migrate [--db ...]                                         升级数据库结构
  jiaoyan admin create --username U --password P [--role sysadmin|secadmin|auditor]
                                                                     创建管理员账号（三员）
  jiaoyan admin reset --username U [--password P] [--unlock] [--totp]
                                                                     命令行恢复账号：重置密码、解锁、重置双因素认证
  jiaoyan backup  --out FILE [--db ...]                              在线备份 SQLite 数据库
  jiaoyan restore --in FILE [--db ...] [--force]                     从备份恢复 SQLite 数据库
  jiaoyan audit verify [--db ...]                                    校验审计日志哈希链
  jiaoyan demo    --size small|city|province [--seed N]             生成演示区域数据
  jiaoyan import  regions|orgs|people|groups --file F [--dry-run] [--update] [--map '文件表头=字段,…']
  jiaoyan import  certificates --file F [--dry-run]
                                                                     命令行批量导入（全部写入或全不写入）
  jiaoyan plan review|liaison|rotation --in P.json --out PLAN.json   评审分配 / 联系学校 / 蹲点轮换
  jiaoyan quality analyze --items I --scores S --out R.json          考试质量分析
  jiaoyan version

设置也可用环境变量：JIAOYAN_ADDR, JIAOYAN_DB, JIAOYAN_KEY_FILE 等（见 README）。
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, errUsage) {
			fmt.Fprint(os.Stderr, usage)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "错误:", err)
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	rest := args[1:]
	switch args[0] {
	case "serve":
		return cmdServe(ctx, rest, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, stdout)
	case "admin":
		return cmdAdmin(ctx, rest, stdout)
	case "backup":
		return cmdBackup(ctx, rest, stdout)
	case "restore":
		return cmdRestore(ctx, rest, stdout)
	case "audit":
		return cmdAudit(ctx, rest, stdout)
	case "demo":
		return cmdDemo(ctx, rest, stdout)
	case "import":
		return cmdImport(ctx, rest, stdout)
	case "plan":
		return plan.RunCLI(ctx, rest, stdout, stderr)
	case "quality":
		return analysis.RunCLI(ctx, rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "jiaoyan", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return errUsage
}
